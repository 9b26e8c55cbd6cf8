import type { Deadline } from "./deadline";
import { objectiveOf } from "./evaluate";
import type { Instance } from "./instance";

/** Number of admissible choices, Σ C(m, s) for s in [kMin, kMax]; Infinity once past 1e15. */
export function countSubsets(m: number, kMin: number, kMax: number): number {
  let total = 0;
  let c = 1; // C(m, 0)
  for (let s = 1; s <= kMax; s++) {
    c = (c * (m - s + 1)) / s;
    if (s >= kMin) total += c;
    if (total > 1e15) return Infinity;
  }
  return Math.round(total);
}

/** Rough cost of enumerating, in point visits, used to decide whether enumeration fits the budget. */
export function enumerationWork(inst: Instance): number {
  const perLeaf = inst.objective === "p95" ? inst.n * (Math.log2(inst.n + 1) + 2) : inst.n;
  return countSubsets(inst.m, inst.kMin, inst.kMax) * (perLeaf + inst.kMax);
}

export interface EnumerationResult {
  set: Int32Array;
  score: number;
  /** False when the deadline stopped it: `set` is then only the best seen. */
  complete: boolean;
}

/**
 * Every admissible choice, depth first with candidates in ascending order. Each depth keeps the
 * points' nearest-so-far, so a choice costs O(n) to score instead of O(n·k). Strict comparison
 * keeps the first of equal scores: the same input always yields the same answer.
 */
export function enumerateSubsets(inst: Instance, deadline: Deadline): EnumerationResult {
  const { n, m, rtt, link, kMin, kMax, fixed, objective } = inst;
  const bestAt = Array.from({ length: kMax + 1 }, () => new Float64Array(n).fill(Infinity));
  const atAt = Array.from({ length: kMax + 1 }, () => new Int32Array(n).fill(-1));
  // Position in `chosen` of each point's region: the conference only needs each chosen
  // region's furthest point, gathered here without allocating per choice.
  const slotAt = Array.from({ length: kMax + 1 }, () => new Int32Array(n).fill(-1));
  const radius = new Float64Array(kMax);
  const chosen = new Int32Array(kMax);
  let bestScore = Infinity;
  let bestSet = new Int32Array(0);
  let visited = 0;
  let stopped = false;

  const conference = (depth: number): number => {
    const best = bestAt[depth];
    const slot = slotAt[depth];
    radius.fill(-1, 0, depth);
    for (let i = 0; i < n; i++) if (best[i] > radius[slot[i]]) radius[slot[i]] = best[i];
    let value = -Infinity;
    for (let a = 0; a < depth; a++) {
      if (radius[a] < 0) continue;
      for (let b = a; b < depth; b++) {
        if (radius[b] < 0) continue;
        const v = (radius[a] + (a === b ? 0 : link[chosen[a] * m + chosen[b]]) + radius[b]) / 2;
        if (v > value) value = v;
      }
    }
    return value;
  };

  const visit = (depth: number, from: number, cost: number): void => {
    for (let j = from; j < m && !stopped; j++) {
      if (m - j < kMin - depth) return; // not enough candidates left to reach kMin
      const prevBest = bestAt[depth];
      const prevAt = atAt[depth];
      const prevSlot = slotAt[depth];
      const nextBest = bestAt[depth + 1];
      const nextAt = atAt[depth + 1];
      const nextSlot = slotAt[depth + 1];
      for (let i = 0; i < n; i++) {
        const v = rtt[i * m + j];
        if (v < prevBest[i]) {
          nextBest[i] = v;
          nextAt[i] = j;
          nextSlot[i] = depth;
        } else {
          nextBest[i] = prevBest[i];
          nextAt[i] = prevAt[i];
          nextSlot[i] = prevSlot[i];
        }
      }
      chosen[depth] = j;
      const c = cost + fixed[j];
      if (depth + 1 >= kMin) {
        const latency = objective === "conference" ? conference(depth + 1) : objectiveOf(inst, objective, nextBest, nextAt);
        const score = latency + c;
        if (score < bestScore) {
          bestScore = score;
          bestSet = chosen.slice(0, depth + 1);
        }
      }
      if ((++visited & 255) === 0 && deadline.expired()) {
        stopped = true;
        deadline.hit();
        return;
      }
      if (depth + 1 < kMax) visit(depth + 1, j + 1, c);
    }
  };
  visit(0, 0, 0);
  return { set: bestSet, score: bestScore, complete: !stopped };
}
