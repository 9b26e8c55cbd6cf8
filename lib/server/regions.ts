import { getRegion, listRegions } from "@/lib/catalogue";
import type { Region } from "@/lib/core/types";
import { HttpError } from "@/lib/http/errors";
import { runtime } from "./runtime";

export async function regionsWithConnections(provider?: string): Promise<(Region & { connections: string[] })[]> {
  const byRegion = await runtime().stores.connections.namesByRegion();
  return listRegions(provider).map((r) => ({ ...r, connections: byRegion.get(r.key) ?? [] }));
}

export function requireRegion(key: string): Region {
  const region = getRegion(key);
  if (!region) throw new HttpError(404, `unknown region "${key}"; GET /api/v1/regions lists the region keys`, "NotFound");
  return region;
}
