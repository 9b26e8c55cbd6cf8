import { fixedCost, type Instance } from "./instance";
import type { PlacementObjective } from "./types";

/** The share of weight the p95 objective must cover: nearest-rank, see README.md. */
export const P95 = 0.95;
/**
 * Slack for comparing a covered weight with 95%: sums of normalised weights carry rounding
 * noise of order 1e-16 per term, so "exactly 95%" must not be missed by it.
 */
export const COVER_EPS = 1e-9;

/**
 * Weighted quantile, nearest rank: the smallest value v such that the weight of values ≤ v is at
 * least q of the total. With unit weights and q = 0.95 that is the ⌈0.95·n⌉-th smallest value.
 */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  const n = values.length;
  // A typed index array sorts several times faster than an Array for 10⁴–10⁵ users.
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const need = q * total - COVER_EPS * total;
  let acc = 0;
  for (const i of order) {
    acc += weights[i];
    if (acc >= need) return values[i];
  }
  return values[order[n - 1]];
}

export interface NearestAssignment {
  /** RTT of each point to its chosen region. */
  best: Float64Array;
  /** Candidate index each point goes to. */
  at: Int32Array;
}

/** Each point to its lowest-RTT chosen region; ties to the lowest candidate index. */
export function assignNearest(inst: Instance, set: ArrayLike<number>): NearestAssignment {
  const { n, m, rtt } = inst;
  const best = new Float64Array(n).fill(Infinity);
  const at = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let t = 0; t < set.length; t++) {
      const j = set[t];
      const v = rtt[row + j];
      if (v < best[i]) {
        best[i] = v;
        at[i] = j;
      }
    }
  }
  return { best, at };
}

export interface ConferenceValue {
  value: number;
  /** The regions of the worst pair (equal when the worst pair meets on one region). */
  regions: [number, number];
}

/**
 * Worst one-way delay between two participants: (RTT(a, r_a) + link(r_a, r_b) + RTT(b, r_b)) / 2
 * over all pairs, a participant paired with itself included. Only the furthest participant of
 * each used region matters, so this is O(n + used²) rather than O(n²).
 */
export function conferenceValue(inst: Instance, best: ArrayLike<number>, at: ArrayLike<number>): ConferenceValue {
  const { m, link } = inst;
  const radius = new Float64Array(m).fill(-1);
  for (let i = 0; i < best.length; i++) if (best[i] > radius[at[i]]) radius[at[i]] = best[i];
  const used: number[] = [];
  for (let j = 0; j < m; j++) if (radius[j] >= 0) used.push(j);
  let value = -Infinity;
  let regions: [number, number] = [used[0], used[0]];
  for (let x = 0; x < used.length; x++) {
    const a = used[x];
    for (let y = x; y < used.length; y++) {
      const b = used[y];
      const v = (radius[a] + link[a * m + b] + radius[b]) / 2;
      if (v > value) {
        value = v;
        regions = [a, b];
      }
    }
  }
  return { value, regions };
}

/** The latency objective (ms) of points assigned with `best`/`at`. */
export function objectiveOf(inst: Instance, objective: PlacementObjective, best: Float64Array, at: Int32Array): number {
  switch (objective) {
    case "mean": {
      let s = 0;
      for (let i = 0; i < best.length; i++) s += inst.weight[i] * best[i];
      return s;
    }
    case "max": {
      let s = -Infinity;
      for (let i = 0; i < best.length; i++) if (best[i] > s) s = best[i];
      return s;
    }
    case "p95":
      return weightedQuantile(best, inst.weight, P95);
    case "conference":
      return conferenceValue(inst, best, at).value;
  }
}

/** Latency objective of a choice of regions, on the instance's points. */
export function latencyOf(inst: Instance, set: ArrayLike<number>): number {
  const { best, at } = assignNearest(inst, set);
  return objectiveOf(inst, inst.objective, best, at);
}

/** What the engine minimises: latency objective + costWeight × price. */
export function scoreOf(inst: Instance, set: ArrayLike<number>): number {
  return latencyOf(inst, set) + fixedCost(inst, set);
}
