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
 * Found by three-way quickselect (expected O(n)) rather than a sort: the answer and the three
 * baselines each take one over up to 100,000 users.
 */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  const n = values.length;
  const idx = Uint32Array.from({ length: n }, (_, i) => i);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const need = q * total - COVER_EPS * total;
  let lo = 0;
  let hi = n;
  let before = 0; // weight of the values known to lie below idx[lo..hi)
  while (hi - lo > 16) {
    const a = values[idx[lo]];
    const b = values[idx[(lo + hi) >> 1]];
    const c = values[idx[hi - 1]];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // Dutch-flag partition: [lo, lt) < pivot, [lt, i) = pivot, (gt, hi) > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi - 1;
    let below = 0;
    let equal = 0;
    while (i <= gt) {
      const x = idx[i];
      const v = values[x];
      if (v < pivot) {
        idx[i++] = idx[lt];
        idx[lt++] = x;
        below += weights[x];
      } else if (v > pivot) {
        idx[i] = idx[gt];
        idx[gt--] = x;
      } else {
        equal += weights[x];
        i++;
      }
    }
    if (before + below >= need) hi = lt;
    else if (before + below + equal >= need) return pivot;
    else {
      before += below + equal;
      lo = gt + 1;
    }
  }
  const rest = Array.from(idx.subarray(lo, hi)).sort((x, y) => values[x] - values[y]);
  for (const x of rest) {
    before += weights[x];
    if (before >= need) return values[x];
  }
  // Rounding left the last value just short of `need`: it is the answer.
  return rest.length > 0 ? values[rest[rest.length - 1]] : values[idx[Math.max(0, lo - 1)]];
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
