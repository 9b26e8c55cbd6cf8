import type { Access } from "@/lib/core/roles";
import * as groups from "./endpoints";

type Groups = Omit<typeof groups, "ALL_ENDPOINTS">;

/**
 * The least role of every REST operation, shaped like the endpoint modules (`connections.createConnection.access`)
 * and nothing else. The endpoint objects carry zod schemas that pull the catalogue, the placement
 * solver and the server's wrappers with them, so the browser cannot import them; the console gets
 * this plain copy from the server instead, and its controls stay in step with what the server checks.
 */
export type EndpointAccessTable = { [G in keyof Groups]: { [E in keyof Groups[G]]: { access: Access } } };

export function endpointAccess(): EndpointAccessTable {
  const table: Record<string, Record<string, { access: Access }>> = {};
  for (const [group, endpoints] of Object.entries(groups)) {
    if (group === "ALL_ENDPOINTS") continue;
    table[group] = Object.fromEntries(Object.entries(endpoints as Record<string, { access: Access }>).map(([name, ep]) => [name, { access: ep.access }]));
  }
  return table as EndpointAccessTable;
}
