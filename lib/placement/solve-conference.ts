import type { Deadline } from "./deadline";
import { enumerateSubsets, enumerationWork } from "./enumerate-subsets";
import { assignNearest, conferenceValue, scoreOf } from "./evaluate";
import { minFixedCost, type Instance } from "./instance";
import { iteratedScoreSearch, localSearchScore } from "./local-search";
import { MipBuilder, solveMip } from "./mip";
import { padByMean } from "./pad-set";
import { farthestFirst, sampleOptimum, subInstance } from "./sample-bound";
import { closes, safeBound, sortedSet, type PointSolution } from "./point-solution";
import { thresholdSearch } from "./solve-coverage";
import { ENUMERATION_WORK_LIMIT, greedyMean, localSearchMean } from "./solve-mean";
import type { PlacementMethod } from "./types";

/** Matrix entries of the conference program above which auto mode does not attempt it. */
export const CONFERENCE_ILP_MAX_NONZEROS = 300_000;
/** Kicks of the iterated local search (fewer if the budget runs out first). */
const ILS_ROUNDS = 60;
/** Points whose pairs are checked for the path lower bound. */
const PAIR_BOUND_POINTS = 48;

/** Adds the region that lowers the score most, until kMax or (upTo) until nothing helps. */
function greedyConference(inst: Instance): Int32Array {
  const chosen: number[] = [];
  let current = Infinity;
  while (chosen.length < inst.kMax) {
    let bestJ = -1;
    let bestScore = Infinity;
    for (let j = 0; j < inst.m; j++) {
      if (chosen.includes(j)) continue;
      const s = scoreOf(inst, sortedSet([...chosen, j]));
      if (s < bestScore) {
        bestScore = s;
        bestJ = j;
      }
    }
    if (chosen.length >= inst.kMin && !(bestScore < current)) break;
    chosen.push(bestJ);
    current = bestScore;
  }
  return sortedSet(chosen);
}

/**
 * Whatever regions are chosen and however participants are assigned, participants a and b are
 * at least min over relays r, r' of (RTT(a, r) + link(r, r') + RTT(b, r')) / 2 apart (r = r'
 * included, with no middle leg). The largest such value over the pairs of a spread-out sample
 * of points is a lower bound on the conference objective. The sample is built farthest-first
 * under the L∞ distance between the points' RTT rows, so it holds the audience's extremes.
 */
export function pairPathBound(inst: Instance, sampleSize = PAIR_BOUND_POINTS): number {
  const { m, rtt, link } = inst;
  const sample = farthestFirst(inst, sampleSize);
  // arrive[a][r] = cheapest way from relay r to participant a: min over r' of link(r, r') + RTT(a, r').
  const arrive = sample.map((a) => {
    const h = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      let b = rtt[a * m + r];
      for (let s = 0; s < m; s++) b = Math.min(b, link[r * m + s] + rtt[a * m + s]);
      h[r] = b;
    }
    return h;
  });
  let bound = 0;
  for (let x = 0; x < sample.length; x++) {
    for (let y = x; y < sample.length; y++) {
      const a = sample[x];
      let b = Infinity;
      for (let r = 0; r < m; r++) b = Math.min(b, rtt[a * m + r] + arrive[y][r]);
      bound = Math.max(bound, b / 2);
    }
  }
  return bound;
}

function conferenceIlpNonzeros(inst: Instance): number {
  return inst.n * inst.m * (inst.m / 2 + 4) + inst.m * inst.m * 2;
}

/**
 * The conference as an integer program, participants served by their nearest chosen region:
 *   min T + Σ fixed_j·y_j
 *   Σ_j x_ij = 1, x_ij ≤ y_j                       every point on one chosen region
 *   Σ_{l at least as near to i as j} x_il ≥ y_j     … and on the nearest (closest-assignment)
 *   R_j ≥ rtt_ij·x_ij, u_j ≥ x_ij                   R_j: furthest participant of j; u_j: j in use
 *   T ≥ R_j, 2T ≥ R_j + R_l + link_jl·w_jl, w_jl ≥ u_j + u_l − 1   worst pair, same or two relays
 * Only y is integral: with y fixed the closest-assignment rows pin x. Assignments slower than
 * the incumbent's latency cannot appear in a better answer and are left out.
 */
async function ilpConference(inst: Instance, incumbent: { set: Int32Array; score: number }, deadline: Deadline) {
  const { n, m, rtt, link, fixed, kMin, kMax } = inst;
  // The hair above keeps the incumbent's own slowest assignment in despite rounding.
  const limit = incumbent.score - minFixedCost(inst) + 1e-9 * Math.max(1, incumbent.score);
  const mip = new MipBuilder();
  const tCol = mip.addCol(1, 0, Infinity, false);
  const y = Array.from({ length: m }, (_, j) => mip.addCol(fixed[j], 0, 1, true));
  const u = Array.from({ length: m }, () => mip.addCol(0, 0, 1, false));
  const radius = Array.from({ length: m }, () => mip.addCol(0, 0, Infinity, false));
  const x = new Int32Array(n * m).fill(-1);
  const orders: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = i * m;
    const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => rtt[row + a] - rtt[row + b] || a - b);
    orders.push(order);
    for (const j of order) if (rtt[row + j] <= limit) x[row + j] = mip.addCol(0, 0, 1, false);
  }
  const w = new Int32Array(m * m).fill(-1);
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) w[a * m + b] = mip.addCol(0, 0, 1, false);

  mip.addRow(kMin, kMax, y, y.map(() => 1));
  for (let i = 0; i < n; i++) {
    const row = i * m;
    const own: number[] = [];
    for (let j = 0; j < m; j++) if (x[row + j] >= 0) own.push(x[row + j]);
    mip.addRow(1, 1, own, own.map(() => 1));
    const prefix: number[] = [];
    let lastKept = -1;
    orders[i].forEach((j, t) => {
      if (x[row + j] >= 0) lastKept = t;
    });
    orders[i].forEach((j, t) => {
      if (x[row + j] >= 0) {
        prefix.push(x[row + j]);
        mip.addRow(-Infinity, 0, [x[row + j], y[j]], [1, -1]);
        mip.addRow(-Infinity, 0, [x[row + j], u[j]], [1, -1]);
        mip.addRow(-Infinity, 0, [x[row + j], radius[j]], [rtt[row + j], -1]);
      }
      // Beyond the last kept assignment the prefix is all of them, whose sum is already 1.
      if (t <= lastKept) mip.addRow(0, Infinity, [...prefix, y[j]], [...prefix.map(() => 1), -1]);
    });
  }
  for (let a = 0; a < m; a++) {
    mip.addRow(-Infinity, 0, [radius[a], tCol], [1, -1]);
    for (let b = a + 1; b < m; b++) {
      const wab = w[a * m + b];
      mip.addRow(-Infinity, 0, [radius[a], radius[b], wab, tCol], [1, 1, link[a * m + b], -2]);
      mip.addRow(-Infinity, 1, [u[a], u[b], wab], [1, 1, -1]);
    }
  }

  // Start from the incumbent so a run stopped by the time limit is never worse than it.
  const start = new Float64Array(mip.numCols);
  const { best, at } = assignNearest(inst, incumbent.set);
  const conf = conferenceValue(inst, best, at);
  start[tCol] = conf.value;
  for (const j of incumbent.set) start[y[j]] = 1;
  for (let i = 0; i < n; i++) {
    const j = at[i];
    if (x[i * m + j] >= 0) start[x[i * m + j]] = 1;
    start[u[j]] = 1;
    start[radius[j]] = Math.max(start[radius[j]], best[i]);
  }
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) if (start[u[a]] && start[u[b]]) start[w[a * m + b]] = 1;

  const r = await solveMip(mip, deadline, { start });
  const set = r.x ? sortedSet(y.map((c, j) => (r.x![c] > 0.5 ? j : -1)).filter((j) => j >= 0)) : null;
  // Infeasible means nothing beats the incumbent: it is optimal.
  if (r.status === "infeasible") return { set: null, bound: incumbent.score, optimal: true };
  return { set, bound: r.bound, optimal: r.status === "optimal" };
}

/** `sample`: whether the points are the users themselves, so a sample of them gives a bound. */
export async function solveConference(inst: Instance, deadline: Deadline, method: PlacementMethod, sample = true): Promise<PointSolution> {
  if (method === "enumerate" || (method === "auto" && enumerationWork(inst) <= ENUMERATION_WORK_LIMIT)) {
    const e = enumerateSubsets(inst, deadline);
    if (e.complete) return { set: e.set, score: e.score, lowerBound: e.score, optimal: true, method: "enumeration" };
  }
  const exact = method !== "heuristic";
  const meanStart = localSearchMean({ ...inst, objective: "mean" }, greedyMean({ ...inst, objective: "mean" }), deadline).set;
  // The worst single participant bounds the conference from below (a participant paired with
  // itself), so the k-center optimum is a bound, and its solution a natural start.
  const latencyOnly: Instance = { ...inst, objective: "max", fixed: new Float64Array(inst.m), hasCost: false, kMin: 1 };
  const kCenter = await thresholdSearch(latencyOnly, deadline.child(deadline.remainingMs() / 4), exact, meanStart);
  let best = { set: meanStart, score: scoreOf(inst, meanStart) };
  for (const start of [greedyConference(inst), meanStart, padByMean(inst, kCenter.set)]) {
    const s = localSearchScore(inst, start, deadline);
    if (s.score < best.score) best = s;
  }
  // Exact on a sample of extreme points: the strongest bound when the choices are few enough.
  const sampled = sample ? sampleOptimum(subInstance(inst, farthestFirst(inst, 16)), deadline.child(deadline.remainingMs() * 0.4)) : -Infinity;
  best = iteratedScoreSearch(inst, best, deadline.child(deadline.remainingMs() * 0.8), ILS_ROUNDS);
  const assignmentFreeBound = Math.max(kCenter.lowerBound, pairPathBound(inst)) + minFixedCost(inst);
  let lowerBound = safeBound(Math.max(assignmentFreeBound, sampled));
  const methods = ["local-search", "bounds"];
  const done = (optimal: boolean): PointSolution => ({
    ...best,
    lowerBound: optimal ? best.score : Math.min(lowerBound, best.score),
    optimal,
    method: methods.join("+"),
    assignmentFreeBound,
  });
  if (closes(lowerBound, best.score)) return done(true);

  const fits = conferenceIlpNonzeros(inst) <= CONFERENCE_ILP_MAX_NONZEROS && deadline.remainingMs() > 50;
  if (method === "ilp" || (method === "auto" && fits)) {
    methods.push("ilp");
    const ilp = await ilpConference(inst, best, deadline);
    if (ilp.set) {
      const s = scoreOf(inst, ilp.set);
      if (s < best.score) best = { set: ilp.set, score: s };
    }
    if (ilp.optimal) return done(true);
    lowerBound = Math.max(lowerBound, safeBound(ilp.bound));
  }
  return done(false);
}
