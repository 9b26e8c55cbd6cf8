import type { Instance } from "./instance";
import { sortedSet } from "./point-solution";

/**
 * Completes a choice to kMin regions with those that lower the mean RTT most. Adding a region
 * never worsens max or p95 under nearest assignment, so for those objectives this only helps
 * the users the worst-case objective does not look at.
 */
export function padByMean(inst: Instance, set: Int32Array): Int32Array {
  if (set.length >= inst.kMin) return set;
  const { n, m, rtt, weight } = inst;
  const chosen = new Set(set);
  const d1 = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) for (const j of chosen) d1[i] = Math.min(d1[i], rtt[i * m + j]);
  while (chosen.size < inst.kMin) {
    let bestJ = -1;
    let bestGain = -1;
    for (let j = 0; j < m; j++) {
      if (chosen.has(j)) continue;
      let g = 0;
      for (let i = 0; i < n; i++) {
        const v = rtt[i * m + j];
        if (v < d1[i]) g += weight[i] * (d1[i] - v);
      }
      if (g > bestGain) {
        bestGain = g;
        bestJ = j;
      }
    }
    chosen.add(bestJ);
    for (let i = 0; i < n; i++) d1[i] = Math.min(d1[i], rtt[i * m + bestJ]);
  }
  return sortedSet(chosen);
}

/** Completes a choice to kMin regions with the cheapest others (ties to the lower index). */
export function padCheapest(inst: Instance, set: Int32Array): Int32Array {
  if (set.length >= inst.kMin) return set;
  const chosen = new Set(set);
  const rest = Array.from({ length: inst.m }, (_, j) => j)
    .filter((j) => !chosen.has(j))
    .sort((a, b) => inst.fixed[a] - inst.fixed[b] || a - b);
  for (const j of rest) {
    if (chosen.size >= inst.kMin) break;
    chosen.add(j);
  }
  return sortedSet(chosen);
}
