import type { Deadline } from "./deadline";
import { objectiveOf, scoreOf } from "./evaluate";
import { fixedCost, type Instance } from "./instance";
import { sortedSet } from "./point-solution";
import { createRng } from "@/lib/core/rng";

/**
 * First-improvement local search on the score of any objective: swaps, plus adds and drops
 * within [kMin, kMax]. A move is priced from each point's nearest and second-nearest chosen
 * region, O(n) per move. Used for the worst-case objectives, whose scores have no incremental
 * formula like the mean's.
 */
export function localSearchScore(inst: Instance, start: ArrayLike<number>, deadline: Deadline): { set: Int32Array; score: number } {
  const { n, m, rtt, kMin, kMax } = inst;
  let set = sortedSet(Array.from(start));
  let score = scoreOf(inst, set);
  const best = new Float64Array(n);
  const at = new Int32Array(n);
  let improved = true;
  while (improved) {
    improved = false;
    const k = set.length;
    const d1 = new Float64Array(n).fill(Infinity);
    const d2 = new Float64Array(n).fill(Infinity);
    const f1 = new Int32Array(n).fill(-1);
    const f2 = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < k; t++) {
        const j = set[t];
        const v = rtt[i * m + j];
        if (v < d1[i]) {
          d2[i] = d1[i];
          f2[i] = f1[i];
          d1[i] = v;
          f1[i] = j;
        } else if (v < d2[i]) {
          d2[i] = v;
          f2[i] = j;
        }
      }
    }
    const inSet = new Uint8Array(m);
    for (const j of set) inSet[j] = 1;
    const baseCost = fixedCost(inst, set);
    const tryMove = (add: number, drop: number): boolean => {
      for (let i = 0; i < n; i++) {
        let v: number;
        let a: number;
        if (f1[i] === drop) {
          v = d2[i];
          a = f2[i];
        } else {
          v = d1[i];
          a = f1[i];
        }
        if (add >= 0) {
          const c = rtt[i * m + add];
          // Ties go to the lower index, as in assignNearest.
          if (c < v || (c === v && add < a)) {
            v = c;
            a = add;
          }
        }
        best[i] = v;
        at[i] = a;
      }
      const cost = baseCost + (add >= 0 ? inst.fixed[add] : 0) - (drop >= 0 ? inst.fixed[drop] : 0);
      const s = objectiveOf(inst, inst.objective, best, at) + cost;
      if (s < score - 1e-12 * Math.max(1, score)) {
        const next = [...set].filter((j) => j !== drop);
        if (add >= 0) next.push(add);
        set = sortedSet(next);
        score = s;
        return true;
      }
      return false;
    };
    outer: for (let j = 0; j < m; j++) {
      if (deadline.expired()) {
        deadline.hit();
        break;
      }
      if (inSet[j]) continue;
      if (k < kMax && tryMove(j, -1)) {
        improved = true;
        break outer;
      }
      for (let t = 0; t < k; t++) {
        if (tryMove(j, set[t])) {
          improved = true;
          break outer;
        }
      }
    }
    if (!improved && k > kMin && k > 1) {
      for (let t = 0; t < k && !improved; t++) if (tryMove(-1, set[t])) improved = true;
    }
  }
  // The incremental score is exact arithmetic on the same numbers, but rescore once so the
  // caller gets the value evaluate.ts would compute.
  return { set, score: scoreOf(inst, set) };
}

/**
 * Iterated local search on any objective: kick one to three chosen regions out for random
 * others (seeded: the same input gives the same answer), descend again, keep improvements.
 * Worst-case objectives have wide plateaus where a single swap changes nothing; kicks cross them.
 */
export function iteratedScoreSearch(inst: Instance, start: { set: Int32Array; score: number }, deadline: Deadline, rounds: number): { set: Int32Array; score: number } {
  return iteratedSearch(inst, start, deadline, { rounds, seed: 0xc0f, maxKicks: 3, descend: localSearchScore });
}

export type Descent = (inst: Instance, start: Int32Array, deadline: Deadline) => { set: Int32Array; score: number };

/** The kick-and-descend loop both searches share; the objective's own descent is passed in. */
export function iteratedSearch(
  inst: Instance,
  start: { set: Int32Array; score: number },
  deadline: Deadline,
  opts: { rounds: number; seed: number; maxKicks: number; descend: Descent },
): { set: Int32Array; score: number } {
  const rng = createRng(opts.seed);
  let best = start;
  if (best.set.length >= inst.m) return best;
  for (let r = 0; r < opts.rounds; r++) {
    if (deadline.expired()) {
      deadline.hit();
      break;
    }
    const next = Array.from(best.set);
    const kicks = Math.min(1 + (r % opts.maxKicks), next.length, inst.m - next.length);
    for (let q = 0; q < kicks; q++) {
      let j = Math.floor(rng() * inst.m);
      while (next.includes(j)) j = (j + 1) % inst.m;
      next[Math.floor(rng() * next.length)] = j;
    }
    const res = opts.descend(inst, sortedSet(next), deadline);
    if (res.score < best.score) best = res;
  }
  return best;
}
