import { getRegion, listRegions } from "@/lib/catalogue";
import { NotFoundError } from "@/lib/core/errors";
import type { Region } from "@/lib/core/types";
import type { ConnectionRepository } from "@/lib/store/connections";

/**
 * Every region of the catalogue with the connections made against it, then the places of your
 * own servers (ssh connections, at their location), so the map shows them beside the clouds.
 */
export async function regionsWithConnections(connections: Pick<ConnectionRepository, "namesByRegion" | "sites">, provider?: string): Promise<(Region & { connections: string[] })[]> {
  const byRegion = await connections.namesByRegion();
  const regions = listRegions(provider).map((r) => ({ ...r, connections: byRegion.get(r.key) ?? [] }));
  if (provider && provider !== "ssh") return regions;
  const sites = new Map<string, Region & { connections: string[] }>();
  for (const s of await connections.sites()) {
    const seen = sites.get(s.regionKey);
    if (seen) seen.connections.push(s.name);
    else sites.set(s.regionKey, { key: s.regionKey, provider: "ssh", region: s.region, name: `${s.region} (your servers)`, latitude: s.latitude, longitude: s.longitude, zones: [], connections: [s.name] });
  }
  return [...regions, ...sites.values()];
}

export function requireRegion(key: string): Region {
  const region = getRegion(key);
  if (!region) throw new NotFoundError(`unknown region "${key}"; GET /api/v1/regions lists the region keys`);
  return region;
}
