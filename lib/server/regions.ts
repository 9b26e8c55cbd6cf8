import { getRegion, listRegions } from "@/lib/catalogue";
import { NotFoundError } from "@/lib/core/errors";
import type { Region } from "@/lib/core/types";
import type { ConnectionRepository } from "@/lib/store/connections";

export async function regionsWithConnections(connections: Pick<ConnectionRepository, "namesByRegion">, provider?: string): Promise<(Region & { connections: string[] })[]> {
  const byRegion = await connections.namesByRegion();
  return listRegions(provider).map((r) => ({ ...r, connections: byRegion.get(r.key) ?? [] }));
}

export function requireRegion(key: string): Region {
  const region = getRegion(key);
  if (!region) throw new NotFoundError(`unknown region "${key}"; GET /api/v1/regions lists the region keys`);
  return region;
}
