import type { Deadline } from "./deadline";
import { countSubsets, enumerateSubsets } from "./enumerate-subsets";
import type { Instance } from "./instance";
import { ENUMERATION_WORK_LIMIT } from "./solve-mean";

/**
 * Points spread over the audience: first the worst-served one, then repeatedly the one furthest
 * (L∞ distance between RTT rows: how differently two points see the regions) from those taken.
 * Extremes are what worst-case objectives are made of.
 */
export function farthestFirst(inst: Instance, count: number): number[] {
  const { n, m, rtt } = inst;
  const sample: number[] = [];
  const far = new Float64Array(n).fill(Infinity);
  let next = 0;
  let worst = -1;
  for (let i = 0; i < n; i++) {
    let b = Infinity;
    for (let j = 0; j < m; j++) b = Math.min(b, rtt[i * m + j]);
    if (b > worst) {
      worst = b;
      next = i;
    }
  }
  while (sample.length < Math.min(n, count)) {
    const added = next;
    sample.push(added);
    let bestFar = -1;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < m; j++) d = Math.max(d, Math.abs(rtt[i * m + j] - rtt[added * m + j]));
      if (d < far[i]) far[i] = d;
      if (far[i] > bestFar) {
        bestFar = far[i];
        next = i;
      }
    }
    if (bestFar <= 0) break;
  }
  return sample;
}

/** The same problem restricted to some of the points (weights renormalised). */
export function subInstance(inst: Instance, points: readonly number[]): Instance {
  const { m, rtt, weight } = inst;
  const total = points.reduce((s, i) => s + weight[i], 0);
  const sub = new Float64Array(points.length * m);
  points.forEach((i, t) => sub.set(rtt.subarray(i * m, (i + 1) * m), t * m));
  return { ...inst, n: points.length, rtt: sub, weight: Float64Array.from(points, (i) => weight[i] / total) };
}

/** How many points an exhaustive search over every admissible choice can afford. */
export function affordableSample(inst: Instance): number {
  const choices = countSubsets(inst.m, inst.kMin, inst.kMax);
  return Math.floor(ENUMERATION_WORK_LIMIT / choices) - inst.kMax;
}

/**
 * For max and the conference the objective of a choice over some of the points is at most its
 * objective over all of them (a maximum over fewer users or pairs, each point's region being
 * its own nearest). So the exact optimum over a sample is a lower bound, computed by
 * enumeration. `inst`'s points are taken in order as the sample: first 8, then 16 (each run
 * is a valid bound, and the first is cheap enough to finish when the second would not), never
 * more than an exhaustive search can afford. Returns −Infinity when fewer than 4 points are
 * affordable or nothing finished in time.
 */
export function sampleOptimum(inst: Instance, deadline: Deadline, sizes: readonly number[] = [8, 16]): number {
  const affordable = Math.min(affordableSample(inst), inst.n);
  let bound = -Infinity;
  for (const size of sizes) {
    const take = Math.min(size, affordable);
    if (take < 4 && take < inst.n) break;
    const e = enumerateSubsets(subInstance(inst, Array.from({ length: take }, (_, i) => i)), deadline);
    if (!e.complete) break;
    bound = Math.max(bound, e.score);
    if (take === affordable) break;
  }
  return bound;
}
