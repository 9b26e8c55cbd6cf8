import type { RegionKey } from "@/lib/core/types";
import type { LatencyModel } from "./latency";
import type { PointSet } from "./group-users";
import type { PlacementObjective } from "./types";

/**
 * What every solver works on: points × candidates RTTs, point weights, candidate ↔ candidate
 * RTTs and per-candidate fixed costs. Candidates are indices 0..m−1 in the caller's order, and
 * a choice of regions is always an ascending index array, which makes ties break the same way
 * everywhere (lowest index first).
 */
export interface Instance {
  objective: PlacementObjective;
  /** Points. */
  n: number;
  /** Candidates. */
  m: number;
  /** Point weights, normalised to sum to 1. */
  weight: Float64Array;
  /** RTT point i → candidate j at [i * m + j], ms. */
  rtt: Float64Array;
  /**
   * Candidate ↔ candidate RTT at [a * m + b], ms; 0 on the diagonal: two participants on one
   * region meet on its relay, with no region-to-region leg.
   */
  link: Float64Array;
  /** costWeight × price per hour of each candidate, in ms of objective. */
  fixed: Float64Array;
  hasCost: boolean;
  /** How many regions a solution may have: [kMin, kMax]. */
  kMin: number;
  kMax: number;
}

export interface InstanceInput {
  objective: PlacementObjective;
  candidates: readonly RegionKey[];
  k: number;
  kMode: "exactly" | "upTo";
  costWeight: number;
  prices: Float64Array | null;
}

/** Index of every candidate in the model's key order, to read fromPointToAll's buffer. */
export function modelIndexes(model: LatencyModel, candidates: readonly RegionKey[]): Int32Array {
  const at = new Map(model.keys.map((k, i) => [k, i]));
  return Int32Array.from(candidates, (k) => {
    const i = at.get(k);
    if (i === undefined) throw new RangeError(`unknown region key "${k}"`);
    return i;
  });
}

export function buildInstance(model: LatencyModel, points: PointSet, input: InstanceInput): Instance {
  const n = points.weight.length;
  const m = input.candidates.length;
  const cols = modelIndexes(model, input.candidates);
  const rtt = new Float64Array(n * m);
  const buffer = new Float64Array(model.keys.length);
  let total = 0;
  for (let i = 0; i < n; i++) total += points.weight[i];
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    weight[i] = points.weight[i] / total;
    model.fromPointToAll({ lat: points.lat[i], lon: points.lon[i] }, buffer);
    for (let j = 0; j < m; j++) rtt[i * m + j] = buffer[cols[j]];
  }
  const link = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const ms = model.between(input.candidates[a], input.candidates[b]).rttMs;
      link[a * m + b] = ms;
      link[b * m + a] = ms;
    }
  }
  const fixed = new Float64Array(m);
  const hasCost = input.costWeight > 0 && input.prices !== null;
  if (hasCost) for (let j = 0; j < m; j++) fixed[j] = input.costWeight * input.prices![j];
  return {
    objective: input.objective,
    n,
    m,
    weight,
    rtt,
    link,
    fixed,
    hasCost,
    kMin: input.kMode === "exactly" ? input.k : 1,
    kMax: input.k,
  };
}

/** Σ fixed cost of a choice. */
export function fixedCost(inst: Instance, set: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < set.length; t++) s += inst.fixed[set[t]];
  return s;
}

/**
 * The least fixed cost any admissible choice pays: the kMin cheapest candidates (kMin ≥ 1).
 * Worst-case objectives use it to turn a latency bound into a score bound.
 */
export function minFixedCost(inst: Instance): number {
  const sorted = Float64Array.from(inst.fixed).sort();
  let s = 0;
  for (let t = 0; t < inst.kMin; t++) s += sorted[t];
  return s;
}

/** Each point's candidates by ascending RTT: `order[i * m + t]` is its t-th nearest, `value` its RTT. */
export interface SortedRows {
  order: Int32Array;
  value: Float64Array;
  /**
   * Rows are sorted on RTTs rounded to 1e-6 ms (a typed-array sort of packed keys is ~10× faster
   * than a comparator), so neighbours can be out of order by that much: scans that stop at a
   * threshold run this far past it.
   */
  slack: number;
}

// Keyed by the matrix, which instances derived with another objective or cost share.
const sortedCache = new WeakMap<Float64Array, SortedRows>();

export function sortedRows(inst: Instance): SortedRows {
  const cached = sortedCache.get(inst.rtt);
  if (cached) return cached;
  const { n, m, rtt } = inst;
  const shift = 2 ** Math.ceil(Math.log2(Math.max(2, m)));
  const order = new Int32Array(n * m);
  const value = new Float64Array(n * m);
  const keys = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) keys[j] = Math.round(rtt[row + j] * 1e6) * shift + j;
    keys.sort();
    for (let t = 0; t < m; t++) {
      const j = keys[t] % shift;
      order[row + t] = j;
      value[row + t] = rtt[row + j];
    }
  }
  const rows = { order, value, slack: 1e-5 };
  sortedCache.set(inst.rtt, rows);
  return rows;
}
