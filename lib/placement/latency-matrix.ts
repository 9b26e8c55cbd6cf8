import type { LatencySource, RegionKey } from "@/lib/core/types";
import { modelIndexes } from "./instance";
import type { LatencyModel } from "./latency";
import { PlacementInputError } from "./placement-input-error";
import { MAX_USERS } from "./validate-input";

/** Cells a matrix answer may hold: ~10,000 users × 100 regions. Past it the answer is refused. */
export const MAX_MATRIX_CELLS = 1_000_000;

export interface LatencyMatrix {
  /** rttMs[p][r]: RTT from points[p] to regionKeys[r], ms. */
  rttMs: number[][];
  /** User → region values come from the distance model plus the access term: always estimated. */
  source: LatencySource[][];
}

/**
 * Point → region RTTs, computed the way the placement engine computes them (fromPointToAll, read
 * at each region's column), so the numbers a client shows are the ones the engine optimised.
 */
export function latencyMatrix(model: LatencyModel, points: ReadonlyArray<{ lat: number; lon: number }>, regionKeys: readonly RegionKey[]): LatencyMatrix {
  if (!Array.isArray(points) || points.length === 0) throw new PlacementInputError("points", "no points: give at least one lat/lon");
  if (points.length > MAX_USERS) throw new PlacementInputError("points", `${points.length} points is over the cap of ${MAX_USERS}`);
  if (!Array.isArray(regionKeys) || regionKeys.length === 0) throw new PlacementInputError("regionKeys", "no regions: give at least one region key");
  if (points.length * regionKeys.length > MAX_MATRIX_CELLS) {
    throw new PlacementInputError("points", `${points.length} × ${regionKeys.length} values is over the cap of ${MAX_MATRIX_CELLS}: ask for fewer points or regions`);
  }
  regionKeys.forEach((key, i) => {
    if (typeof key !== "string" || !model.has(key)) throw new PlacementInputError(`regionKeys[${i}]`, `unknown region key "${String(key)}"`);
  });
  points.forEach((p, i) => {
    if (typeof p?.lat !== "number" || !(Math.abs(p.lat) <= 90)) throw new PlacementInputError(`points[${i}].lat`, `latitude must be a number in −90..90, got ${String(p?.lat)}`);
    if (typeof p.lon !== "number" || !(Math.abs(p.lon) <= 180)) throw new PlacementInputError(`points[${i}].lon`, `longitude must be a number in −180..180, got ${String(p.lon)}`);
  });
  const cols = modelIndexes(model, regionKeys);
  const buffer = new Float64Array(model.keys.length);
  const rttMs = points.map((p) => {
    model.fromPointToAll({ lat: p.lat, lon: p.lon }, buffer);
    return Array.from(cols, (c) => buffer[c]);
  });
  const source = points.map(() => regionKeys.map((): LatencySource => "estimated"));
  return { rttMs, source };
}
