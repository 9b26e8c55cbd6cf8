import { getRegion, listSpecs } from "@/lib/catalogue";
import { PlacementInputError, solvePlacement, type PlacementResult } from "@/lib/placement";
import type { LatencyModel } from "@/lib/placement/latency";
import type { ConnectionRepository } from "@/lib/store/connections";
import type { PlacementRequest } from "@/lib/validation/placement";

/** What a placement reads besides its request: the model, and which regions have a connection. */
export interface PlacementDeps {
  latency: LatencyModel;
  connections: Pick<ConnectionRepository, "list">;
}

type Requirements = NonNullable<PlacementRequest["requirements"]>;

/** The cheapest spec of a region that meets the requirements, or none. */
function cheapestFit(regionKey: string, req: Requirements) {
  return listSpecs(regionKey)
    .filter((s) => s.vcpu >= (req.vcpu ?? 0) && s.memoryGiB >= (req.memoryGiB ?? 0) && s.pricePerHour <= (req.maxPricePerHour ?? Infinity))
    .sort((a, b) => a.pricePerHour - b.pricePerHour)[0];
}

/**
 * The candidates a placement may choose from: every region with a connection (or those asked
 * for), of the providers asked for, that offers a spec meeting the requirements; then the engine.
 */
export async function placeAudience(deps: PlacementDeps, req: PlacementRequest): Promise<PlacementResult & { specs: Record<string, { specId: string; name: string; pricePerHour: number }> }> {
  const connected = new Set((await deps.connections.list()).map((c) => c.regionKey));
  let keys: string[];
  if (req.candidates) {
    req.candidates.forEach((key, i) => {
      if (!getRegion(key)) throw new PlacementInputError(`candidates[${i}]`, `unknown region "${key}"; GET /api/v1/regions lists them`);
    });
    keys = [...new Set(req.candidates)];
  } else {
    keys = [...connected];
  }
  if (req.providers) keys = keys.filter((k) => req.providers!.includes(getRegion(k)!.provider));
  const requirements = req.requirements ?? {};
  const specs: Record<string, { specId: string; name: string; pricePerHour: number }> = {};
  keys = keys.filter((k) => {
    const spec = cheapestFit(k, requirements);
    if (spec) specs[k] = { specId: spec.id, name: spec.name, pricePerHour: spec.pricePerHour };
    return Boolean(spec);
  });
  if (keys.length === 0) throw new PlacementInputError("candidates", "no region is left after the provider, connection and spec filters; loosen the requirements or allow more providers");
  if (req.kMode === "exactly" && req.k > keys.length) throw new PlacementInputError("k", `${req.k} regions asked but only ${keys.length} candidate(s) remain after the filters`);
  keys.sort();
  const pricePerHour = Object.fromEntries(keys.map((k) => [k, specs[k].pricePerHour]));
  const result = await solvePlacement(deps.latency, { users: req.users, k: Math.min(req.k, keys.length), objective: req.objective, kMode: req.kMode, candidates: keys, costWeight: req.costWeight, pricePerHour, timeBudgetMs: req.timeBudgetMs });
  return { ...result, specs: Object.fromEntries(result.regions.map((r) => [r, specs[r]])) };
}
