import type { Deadline } from "./deadline";
import { enumerateSubsets, enumerationWork } from "./enumerate-subsets";
import { scoreOf } from "./evaluate";
import { sortedRows, type Instance } from "./instance";
import { MipBuilder, solveMip } from "./mip";
import { closes, safeBound, sortedSet, type PointSolution } from "./point-solution";
import { iteratedSearch } from "./local-search";
import type { PlacementMethod } from "./types";

/** Enumeration is chosen when it costs fewer point visits than this (~0.1 s). */
export const ENUMERATION_WORK_LIMIT = 3e7;
/** Assignment variables above which the mean integer program is not attempted in auto mode. */
export const MEAN_ILP_MAX_VARS = 40_000;

interface Nearest2 {
  d1: Float64Array;
  d2: Float64Array;
  f1: Int32Array;
}

function nearestTwo(inst: Instance, set: ArrayLike<number>): Nearest2 {
  const { n, m, rtt } = inst;
  const d1 = new Float64Array(n).fill(Infinity);
  const d2 = new Float64Array(n).fill(Infinity);
  const f1 = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let t = 0; t < set.length; t++) {
      const j = set[t];
      const v = rtt[row + j];
      if (v < d1[i]) {
        d2[i] = d1[i];
        d1[i] = v;
        f1[i] = j;
      } else if (v < d2[i]) d2[i] = v;
    }
  }
  return { d1, d2, f1 };
}

/** Adds the region that lowers the score most until kMax (or, for upTo, until nothing helps). */
export function greedyMean(inst: Instance): Int32Array {
  const { n, m, rtt, weight, fixed, kMin, kMax } = inst;
  const d1 = new Float64Array(n).fill(Infinity);
  const chosen: number[] = [];
  const inSet = new Uint8Array(m);
  let current = Infinity;
  let chosenCost = 0;
  while (chosen.length < kMax) {
    let bestJ = -1;
    let bestVal = Infinity;
    for (let j = 0; j < m; j++) {
      if (inSet[j]) continue;
      let s = fixed[j] + chosenCost;
      for (let i = 0; i < n; i++) {
        const v = rtt[i * m + j];
        s += weight[i] * (v < d1[i] ? v : d1[i]);
      }
      if (s < bestVal) {
        bestVal = s;
        bestJ = j;
      }
    }
    if (chosen.length >= kMin && !(bestVal < current)) break;
    chosen.push(bestJ);
    inSet[bestJ] = 1;
    chosenCost += fixed[bestJ];
    current = bestVal;
    for (let i = 0; i < n; i++) {
      const v = rtt[i * m + bestJ];
      if (v < d1[i]) d1[i] = v;
    }
  }
  return sortedSet(chosen);
}

/**
 * Best-improvement local search over swaps (and, between kMin and kMax, adds and drops), with
 * the fast swap evaluation of Resende & Werneck (2003): from each point's nearest and second
 * nearest chosen region, one pass over the matrix prices every (in, out) pair at once.
 */
export function localSearchMean(inst: Instance, start: Int32Array, deadline: Deadline): { set: Int32Array; score: number } {
  const { n, m, rtt, weight, fixed, kMin, kMax } = inst;
  const { order, value, slack } = sortedRows(inst);
  let set = sortedSet(start);
  let score = scoreOf(inst, set);
  const gain = new Float64Array(m);
  for (;;) {
    if (deadline.expired()) {
      deadline.hit();
      break;
    }
    const k = set.length;
    const pos = new Int32Array(m).fill(-1);
    set.forEach((j, p) => (pos[j] = p));
    const { d1, d2, f1 } = nearestTwo(inst, set);
    let bestDelta = -1e-12 * Math.max(1, score);
    let move: { add: number; drop: number } | null = null;

    if (k === 1) {
      // Swapping the only region moves every point: price each replacement directly.
      for (let j = 0; j < m; j++) {
        if (pos[j] >= 0) continue;
        let s = fixed[j];
        for (let i = 0; i < n; i++) s += weight[i] * rtt[i * m + j];
        const delta = s - score;
        if (delta < bestDelta) {
          bestDelta = delta;
          move = { add: j, drop: set[0] };
        }
      }
    } else {
      const loss = new Float64Array(k);
      const extra = new Float64Array(m * k);
      gain.fill(0);
      for (let i = 0; i < n; i++) {
        const w = weight[i];
        const a = d1[i];
        const b = d2[i];
        const p = pos[f1[i]];
        loss[p] += w * (b - a);
        const row = i * m;
        // Only regions nearer than the second-nearest chosen one matter: a prefix of the sorted row.
        for (let t = 0; t < m; t++) {
          const v = value[row + t];
          if (v >= b + slack) break;
          if (v >= b) continue;
          const j = order[row + t];
          if (v < a) gain[j] += w * (a - v);
          extra[j * k + p] += w * (b - (v > a ? v : a));
        }
      }
      for (let j = 0; j < m; j++) {
        if (pos[j] >= 0) continue;
        for (let p = 0; p < k; p++) {
          const delta = -gain[j] + loss[p] - extra[j * k + p] + fixed[j] - fixed[set[p]];
          if (delta < bestDelta) {
            bestDelta = delta;
            move = { add: j, drop: set[p] };
          }
        }
        if (k < kMax) {
          const delta = -gain[j] + fixed[j];
          if (delta < bestDelta) {
            bestDelta = delta;
            move = { add: j, drop: -1 };
          }
        }
      }
      if (k > kMin) {
        for (let p = 0; p < k; p++) {
          const delta = loss[p] - fixed[set[p]];
          if (delta < bestDelta) {
            bestDelta = delta;
            move = { add: -1, drop: set[p] };
          }
        }
      }
    }
    if (!move) break;
    const next = [...set].filter((j) => j !== move!.drop);
    if (move.add >= 0) next.push(move.add);
    const nextSet = sortedSet(next);
    const nextScore = scoreOf(inst, nextSet);
    // The delta was computed incrementally; the exact rescore guards against rounding loops.
    if (!(nextScore < score)) break;
    set = nextSet;
    score = nextScore;
  }
  return { set, score };
}

/** A relaxed choice scoring within this share of the incumbent is worth a local search. */
const POLISH_WITHIN = 0.02;
/** At most this many local searches from relaxed choices per call. */
const MAX_POLISH = 12;

/** Perturbation rounds of the iterated local search: enough to leave the usual local optima. */
export const ILS_ROUNDS = 40;

/**
 * Iterated local search: replace one or two chosen regions at random (seeded, so the same input
 * gives the same answer), descend again, keep the result if it is better. On world audiences
 * swap search alone stops ~0.2–0.5% above the optimum; a few dozen kicks usually close that.
 */
export function iteratedLocalSearch(inst: Instance, start: { set: Int32Array; score: number }, deadline: Deadline, rounds = ILS_ROUNDS): { set: Int32Array; score: number } {
  return iteratedSearch(inst, start, deadline, { rounds, seed: 0x5eed, maxKicks: 2, descend: localSearchMean });
}

export interface LagrangianResult {
  bound: number;
  lambda: Float64Array;
  /** Best primal choice met on the way (may beat the incumbent). */
  set: Int32Array;
  score: number;
}

/**
 * Lagrangian relaxation of "each point is served once": for multipliers λ ≥ 0,
 *   L(λ) = Σ_i λ_i + min over admissible S of Σ_{j∈S} (fixed_j + Σ_i min(0, w_i·rtt_ij − λ_i))
 * is a lower bound on the optimum for every λ; subgradient steps (Polyak, step factor halved
 * after 20 non-improving iterations) push it up. The S that attains the minimum is also a
 * candidate solution, which sometimes improves the incumbent.
 */
export function lagrangianMean(
  inst: Instance,
  incumbent: { set: Int32Array; score: number },
  deadline: Deadline,
  maxIterations = 800,
): LagrangianResult {
  const { n, m, weight, fixed, kMin, kMax } = inst;
  const { order, value, slack } = sortedRows(inst);
  // Start each multiplier halfway between the point's nearest and second-nearest chosen region:
  // optimal multipliers lie in that interval, and starting at either end made the bound stall
  // ~0.2% lower on world audiences within the same number of steps.
  const { d1, d2 } = nearestTwo(inst, incumbent.set);
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) lambda[i] = weight[i] * (Number.isFinite(d2[i]) ? (d1[i] + d2[i]) / 2 : d1[i]);
  let ub = incumbent.score;
  let bestSet = incumbent.set;
  let bestBound = -Infinity;
  let bestLambda = lambda.slice();
  const rho = new Float64Array(m);
  const byRho = Array.from({ length: m }, (_, j) => j);
  const pick = new Uint8Array(m);
  const g = new Float64Array(n);
  const tried = new Set<string>([incumbent.set.join(",")]);
  let polished = 0;
  let theta = 2;
  let stall = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    if ((iter & 7) === 7 && deadline.expired()) {
      deadline.hit();
      break;
    }
    rho.set(fixed);
    let sumLambda = 0;
    for (let i = 0; i < n; i++) {
      const lam = lambda[i];
      if (lam <= 0) continue;
      sumLambda += lam;
      const w = weight[i];
      const th = lam / w;
      const row = i * m;
      // Only regions nearer than λ_i / w_i give a negative term: a prefix of the sorted row.
      for (let t = 0; t < m; t++) {
        const v = value[row + t];
        if (v >= th + slack) break;
        if (v < th) rho[order[row + t]] += w * v - lam;
      }
    }
    byRho.sort((a, b) => rho[a] - rho[b] || a - b);
    pick.fill(0);
    let bound = sumLambda;
    let count = 0;
    for (const j of byRho) {
      if (count >= kMax || (count >= kMin && rho[j] >= 0)) break;
      pick[j] = 1;
      bound += rho[j];
      count++;
    }
    if (bound > bestBound + 1e-12 * Math.abs(bound)) {
      bestBound = bound;
      bestLambda = lambda.slice();
      stall = 0;
    } else if (++stall >= 20) {
      theta /= 2;
      stall = 0;
      if (theta < 1e-4) break;
    }
    if (iter % 5 === 0 && count >= kMin) {
      // Lagrangian heuristic: the relaxed choice is often (near) optimal once λ settles, so a
      // new one close to the incumbent is polished by local search. Swap search alone stalls
      // in local optima ~0.5% above the optimum on world audiences; this escapes them.
      const candidate = sortedSet(byRho.filter((j) => pick[j]));
      const key = candidate.join(",");
      if (!tried.has(key)) {
        tried.add(key);
        let s = scoreOf(inst, candidate);
        let set = candidate;
        if (s < ub * (1 + POLISH_WITHIN) && polished < MAX_POLISH) {
          polished++;
          ({ set, score: s } = localSearchMean(inst, candidate, deadline));
        }
        if (s < ub) {
          ub = s;
          bestSet = set;
        }
      }
    }
    if (closes(bestBound, ub)) break;

    let norm = 0;
    for (let i = 0; i < n; i++) {
      const lam = lambda[i];
      let covered = 0;
      if (lam > 0) {
        const th = lam / weight[i];
        const row = i * m;
        for (let t = 0; t < m; t++) {
          const v = value[row + t];
          if (v >= th + slack) break;
          if (v < th && pick[order[row + t]]) covered++;
        }
      }
      g[i] = 1 - covered;
      norm += g[i] * g[i];
    }
    if (norm === 0) break; // the relaxed choice serves every point exactly once: nothing to push
    const step = (theta * (ub - bound)) / norm;
    for (let i = 0; i < n; i++) {
      const next = lambda[i] + step * g[i];
      lambda[i] = next > 0 ? next : 0;
    }
  }
  return { bound: bestBound, lambda: bestLambda, set: bestSet, score: ub };
}

/** Size of the mean integer program: assignment variables after the nearest-(m − kMin + 1) cut. */
export function meanIlpVars(inst: Instance): number {
  return inst.n * (inst.m - inst.kMin + 1);
}

/**
 * The p-median integer program with fixed costs:
 *   min Σ_ij w_i·rtt_ij·x_ij + Σ_j fixed_j·y_j
 *   Σ_j x_ij = 1,  x_ij ≤ y_j,  kMin ≤ Σ_j y_j ≤ kMax,  y binary, x ∈ [0, 1].
 * x needs no integrality: once y is integral, serving each point from its nearest open region
 * is optimal. Among any kMin open regions one lies within a point's m − kMin + 1 nearest, so
 * only those x are created.
 */
export async function ilpMean(
  inst: Instance,
  start: Int32Array,
  deadline: Deadline,
): Promise<{ set: Int32Array | null; bound: number; optimal: boolean }> {
  const { n, m, rtt, weight, fixed, kMin, kMax } = inst;
  const width = m - kMin + 1;
  const mip = new MipBuilder();
  for (let j = 0; j < m; j++) mip.addCol(fixed[j], 0, 1, true);
  const xCol: number[][] = [];
  const keep: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = i * m;
    const near = Array.from({ length: m }, (_, j) => j)
      .sort((a, b) => rtt[row + a] - rtt[row + b] || a - b)
      .slice(0, width);
    keep.push(near);
    xCol.push(near.map((j) => mip.addCol(weight[i] * rtt[row + j], 0, 1, false)));
  }
  for (let i = 0; i < n; i++) {
    mip.addRow(1, 1, xCol[i], xCol[i].map(() => 1));
    keep[i].forEach((j, t) => mip.addRow(-Infinity, 0, [xCol[i][t], j], [1, -1]));
  }
  mip.addRow(kMin, kMax, Array.from({ length: m }, (_, j) => j), new Array<number>(m).fill(1));

  const x0 = new Float64Array(mip.numCols);
  for (const j of start) x0[j] = 1;
  for (let i = 0; i < n; i++) {
    let t0 = -1;
    keep[i].forEach((j, t) => {
      if (t0 < 0 && start.includes(j)) t0 = t;
    });
    if (t0 >= 0) x0[xCol[i][t0]] = 1;
  }
  const result = await solveMip(mip, deadline, { start: x0 });
  const set = result.x ? sortedSet(Array.from({ length: m }, (_, j) => j).filter((j) => result.x![j] > 0.5)) : null;
  return { set, bound: result.bound, optimal: result.status === "optimal" };
}

export async function solveMean(inst: Instance, deadline: Deadline, method: PlacementMethod): Promise<PointSolution> {
  let partial: { set: Int32Array; score: number } | null = null;
  if (method === "enumerate" || (method === "auto" && enumerationWork(inst) <= ENUMERATION_WORK_LIMIT)) {
    const e = enumerateSubsets(inst, deadline);
    if (e.complete) return { set: e.set, score: e.score, lowerBound: e.score, optimal: true, method: "enumeration" };
    // Cut short: fall through to the bounded heuristic, keeping what enumeration found.
    if (e.set.length > 0) partial = e;
  }
  const greedy = greedyMean(inst);
  let best = localSearchMean(inst, greedy, deadline);
  if (partial && partial.score < best.score) best = partial;
  let lowerBound = -Infinity;
  let lambda: Float64Array | undefined;
  const methods = ["local-search"];

  if (method !== "ilp") {
    best = iteratedLocalSearch(inst, best, deadline.child(deadline.remainingMs() * 0.4));
    const lag = lagrangianMean(inst, best, deadline);
    lambda = lag.lambda;
    lowerBound = safeBound(lag.bound);
    methods.push("lagrangian");
    if (lag.score < best.score) best = localSearchMean(inst, lag.set, deadline);
    if (closes(lowerBound, best.score)) {
      return { set: best.set, score: best.score, lowerBound: best.score, optimal: true, method: methods.join("+"), lambda };
    }
  }

  const ilpFits = meanIlpVars(inst) <= MEAN_ILP_MAX_VARS && deadline.remainingMs() > 50;
  if (method === "ilp" || (method === "auto" && ilpFits)) {
    const ilp = await ilpMean(inst, best.set, deadline);
    methods.push("ilp");
    if (ilp.set) {
      const s = scoreOf(inst, ilp.set);
      if (s < best.score) best = { set: ilp.set, score: s };
    }
    if (ilp.optimal) return { set: best.set, score: best.score, lowerBound: best.score, optimal: true, method: methods.join("+"), lambda };
    lowerBound = Math.max(lowerBound, safeBound(ilp.bound));
  }
  return { set: best.set, score: best.score, lowerBound: Math.min(lowerBound, best.score), optimal: false, method: methods.join("+"), lambda };
}
