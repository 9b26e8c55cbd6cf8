import {
  buildCoverRows,
  columnLists,
  disjointRowsExceed,
  dropSupersetRows,
  coverSearch,
  greedyCover,
  improveCover,
  rowColumns,
  type CoverRows,
} from "./coverage";
import type { Deadline } from "./deadline";
import { enumerateSubsets, enumerationWork } from "./enumerate-subsets";
import { COVER_EPS, P95, latencyOf, scoreOf, weightedQuantile } from "./evaluate";
import { fixedCost, minFixedCost, type Instance } from "./instance";
import { localSearchScore } from "./local-search";
import { MipBuilder, solveMip } from "./mip";
import { padByMean, padCheapest } from "./pad-set";
import { closes, sortedSet, type PointSolution } from "./point-solution";
import { ENUMERATION_WORK_LIMIT, greedyMean } from "./solve-mean";
import type { PlacementMethod } from "./types";

/** Share of weight that must be served within the threshold: 1 for max, 0.95 for p95. */
function shareOf(inst: Instance): number {
  return inst.objective === "max" ? 1 : P95;
}

/** Smallest RTT in the matrix strictly above x (Infinity if none). */
function nextValueAbove(inst: Instance, x: number): number {
  let best = Infinity;
  for (const v of inst.rtt) if (v > x && v < best) best = v;
  return best;
}

/** Largest RTT in the matrix at most x (−Infinity if none). */
function largestValueAtMost(inst: Instance, x: number): number {
  let best = -Infinity;
  for (const v of inst.rtt) if (v <= x && v > best) best = v;
  return best;
}

/** Lower median of the matrix values in [lo, hi), or NaN when there are none. */
function medianValueIn(inst: Instance, lo: number, hi: number, scratch: Float64Array): number {
  let count = 0;
  for (const v of inst.rtt) if (v >= lo && v < hi) scratch[count++] = v;
  if (count === 0) return NaN;
  return select(scratch, count, (count - 1) >> 1);
}

/** k-th smallest of a[0..len) (Hoare's quickselect, middle pivot; deterministic). */
function select(a: Float64Array, len: number, k: number): number {
  let left = 0;
  let right = len - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}

/** The lowest value any choice can reach: every point's best region, taken all at once. */
function trivialLowerBound(inst: Instance): number {
  const { n, m, rtt } = inst;
  const own = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let b = Infinity;
    for (let j = 0; j < m; j++) if (rtt[i * m + j] < b) b = rtt[i * m + j];
    own[i] = b;
  }
  if (inst.objective !== "max") return weightedQuantile(own, inst.weight, P95);
  let worst = -Infinity;
  for (const v of own) if (v > worst) worst = v;
  return worst;
}

type Check = { status: "feasible"; set: number[] } | { status: "infeasible" } | { status: "unknown" };

function coveredWeight(rows: CoverRows, set: readonly number[]): number {
  const mask = new Uint32Array(rows.words);
  for (const j of set) mask[j >>> 5] |= 1 << (j & 31);
  let total = 0;
  for (let g = 0; g < rows.count; g++) {
    for (let w = 0; w < rows.words; w++) {
      if ((rows.bits[g * rows.words + w] & mask[w]) !== 0) {
        total += rows.weight[g];
        break;
      }
    }
  }
  return total;
}

interface SearchStats {
  ilpRuns: number;
  /** Exact branching searches that settled a threshold. */
  searches: number;
}

/** Rows for threshold T; for max, rows that contain another are dropped and all count 1. */
function rowsFor(inst: Instance, q: number, threshold: number): CoverRows {
  const rows = buildCoverRows(inst, threshold);
  if (q < 1) return rows;
  const reduced = dropSupersetRows(rows);
  reduced.weight.fill(1);
  return reduced;
}

/** Can at most kMax regions serve the required share within T? Greedy, then bounds, then HiGHS. */
async function checkThreshold(inst: Instance, threshold: number, deadline: Deadline, exact: boolean, stats: SearchStats): Promise<Check> {
  const q = shareOf(inst);
  const { m, kMax } = inst;
  const rows = rowsFor(inst, q, threshold);
  if (q === 1 && rows.unservable > 0) return { status: "infeasible" };
  const need = q === 1 ? rows.count : q - COVER_EPS;
  if (q < 1 && 1 - rows.unservable < need) return { status: "infeasible" };
  const lists = columnLists(rows, m);
  let greedy = greedyCover(rows, lists, kMax, need);
  if (greedy.covered < need && greedy.set.length === kMax) greedy = improveCover(rows, lists, greedy.set, need);
  if (greedy.covered >= need) return { status: "feasible", set: greedy.set };
  if (q === 1 && disjointRowsExceed(rows, kMax)) return { status: "infeasible" };
  if (q === 1 && exact) {
    const searched = coverSearch(rows, lists, kMax);
    if (searched.status !== "unknown") {
      stats.searches++;
      return searched;
    }
  }
  if (q < 1) {
    // Even the kMax heaviest columns taken as if they never overlapped fall short.
    const colWeight = lists.map((l) => l.reduce((s, g) => s + rows.weight[g], 0)).sort((a, b) => b - a);
    if (colWeight.slice(0, kMax).reduce((s, v) => s + v, 0) < need) return { status: "infeasible" };
  }
  if (!exact || deadline.remainingMs() < 5) return { status: "unknown" };

  stats.ilpRuns++;
  // Pure feasibility programs (objective 0, the share and kMax as constraints): HiGHS proves
  // these infeasible several times faster than it closes "max coverage" or "min cover size",
  // whose LP relaxations are weak. Below ~the optimum, infeasibility is what must be proven.
  const mip = new MipBuilder();
  const col = new Int32Array(m).fill(-1);
  const cols: number[] = [];
  for (let j = 0; j < m; j++) {
    if (lists[j].length === 0) continue;
    col[j] = mip.addCol(0, 0, 1, true);
    cols.push(j);
  }
  mip.addRow(-Infinity, kMax, cols.map((j) => col[j]), cols.map(() => 1));
  if (q === 1) {
    for (let g = 0; g < rows.count; g++) {
      const js = rowColumns(rows, g).map((j) => col[j]);
      mip.addRow(1, Infinity, js, js.map(() => 1));
    }
  } else {
    // z_g ≤ Σ_{j∈row g} y_j, z ∈ [0, 1], Σ w_g z_g ≥ share.
    const z: number[] = [];
    for (let g = 0; g < rows.count; g++) z.push(mip.addCol(0, 0, 1, false));
    for (let g = 0; g < rows.count; g++) {
      const js = rowColumns(rows, g).map((j) => col[j]);
      mip.addRow(-Infinity, 0, [z[g], ...js], [1, ...js.map(() => -1)]);
    }
    mip.addRow(need, Infinity, z, z.map((_, g) => rows.weight[g]));
  }
  // A third of what is left: a threshold HiGHS cannot settle must not stop the search from
  // testing the easier ones above it.
  const r = await solveMip(mip, deadline, { share: 0.35 });
  if (r.status === "infeasible") return { status: "infeasible" };
  if (r.x) {
    const set = cols.filter((j) => r.x![col[j]] > 0.5);
    if (coveredWeight(rows, set) >= need) return { status: "feasible", set };
  }
  return { status: "unknown" };
}

export interface ThresholdResult {
  set: Int32Array;
  /** Objective of `set` on the points. */
  value: number;
  /** Proven: no admissible choice does better than this. */
  lowerBound: number;
  complete: boolean;
  ilpRuns: number;
  searches: number;
}

/**
 * Bisection over the RTT values themselves: the optimum of max or p95 is one of them. Each step
 * tests the lower median of the values still open; "feasible" lowers the upper end to the
 * value the witness actually reaches, "infeasible" (proven) raises the lower end past the
 * tested value, and "unknown" (greedy failed, no proof in time) only moves the search on.
 * Fixed costs are ignored here: this is the latency part alone.
 */
export async function thresholdSearch(inst: Instance, deadline: Deadline, exact: boolean, fallback: Int32Array): Promise<ThresholdResult> {
  const stats: SearchStats = { ilpRuns: 0, searches: 0 };
  const scratch = new Float64Array(inst.rtt.length);
  const latencyOnly = { ...inst, fixed: new Float64Array(inst.m), hasCost: false };
  let lo = trivialLowerBound(inst);
  let searchLo = lo;
  let hi = Infinity;
  let best: Int32Array | null = null;
  while (searchLo < hi) {
    if (deadline.expired()) {
      deadline.hit();
      break;
    }
    const mid = medianValueIn(inst, searchLo, hi, scratch);
    if (Number.isNaN(mid)) break;
    const check = await checkThreshold(inst, mid, deadline, exact, stats);
    if (check.status === "feasible") {
      best = sortedSet(check.set);
      hi = latencyOf(latencyOnly, best);
    } else if (check.status === "infeasible") {
      lo = Math.max(lo, nextValueAbove(inst, mid));
      searchLo = Math.max(searchLo, lo);
    } else {
      searchLo = nextValueAbove(inst, mid);
    }
  }
  if (!best) {
    best = sortedSet(fallback);
    hi = latencyOf(latencyOnly, best);
  }
  return { set: best, value: hi, lowerBound: Math.min(lo, hi), complete: lo >= hi, ilpRuns: stats.ilpRuns, searches: stats.searches };
}

/** Relative margin by which a cover must undercut the last one to count as cheaper. */
const CHEAPER_BY = 1e-6;

type CostCheck = { status: "optimal"; set: Int32Array } | { status: "infeasible" } | { status: "unknown" };

/** The cheapest admissible choice serving the required share within T and costing below `cap`. */
async function cheapestCover(inst: Instance, threshold: number, cap: number, deadline: Deadline): Promise<CostCheck> {
  const q = shareOf(inst);
  const { m, kMin, kMax, fixed } = inst;
  const rows = rowsFor(inst, q, threshold);
  if (q === 1 && rows.unservable > 0) return { status: "infeasible" };
  const need = q - COVER_EPS;
  if (q < 1 && 1 - rows.unservable < need) return { status: "infeasible" };
  if (deadline.remainingMs() < 5) return { status: "unknown" };
  const mip = new MipBuilder();
  for (let j = 0; j < m; j++) mip.addCol(fixed[j], 0, 1, true);
  const all = Array.from({ length: m }, (_, j) => j);
  mip.addRow(kMin, kMax, all, all.map(() => 1));
  // "Cheaper" means by more than CHEAPER_BY: HiGHS meets constraints only to ~1e-7, so a
  // tighter cap could hand back the same cost and the sweep would never advance.
  const below = cap - CHEAPER_BY * Math.max(1, Math.abs(cap));
  if (Number.isFinite(cap)) mip.addRow(-Infinity, below, all, all.map((j) => fixed[j]));
  if (q === 1) {
    for (let g = 0; g < rows.count; g++) {
      const js = rowColumns(rows, g);
      mip.addRow(1, Infinity, js, js.map(() => 1));
    }
  } else {
    const z: number[] = [];
    for (let g = 0; g < rows.count; g++) z.push(mip.addCol(0, 0, 1, false));
    for (let g = 0; g < rows.count; g++) {
      const js = rowColumns(rows, g);
      mip.addRow(-Infinity, 0, [z[g], ...js], [1, ...js.map(() => -1)]);
    }
    mip.addRow(need, Infinity, z, z.map((_, g) => rows.weight[g]));
  }
  const r = await solveMip(mip, deadline);
  if (r.status === "infeasible") return { status: "infeasible" };
  if (r.status !== "optimal" || !r.x) return { status: "unknown" };
  const set = sortedSet(all.filter((j) => r.x![j] > 0.5));
  if (q < 1 && coveredWeight(rows, Array.from(set)) < need) return { status: "unknown" };
  if (Number.isFinite(cap) && !(fixedCost(inst, set) < below + 1e-7 * Math.max(1, Math.abs(cap)))) return { status: "infeasible" };
  return { status: "optimal", set };
}

/**
 * Latency + cost for max and p95: walks the cost/latency trade-off upwards from the latency
 * optimum. With `cap` the price of the last cheapest cover found, it looks for the smallest
 * threshold at which a strictly cheaper cover exists (bisection with min-cost cover programs),
 * takes the cheapest cover there, and repeats until no threshold low enough to beat the best
 * score is left. Everything below `lo` is settled at every step, so when time runs out
 * min(best, lo + cheapest possible cost) is still a valid lower bound.
 */
async function costSweep(inst: Instance, phase: ThresholdResult, deadline: Deadline, exact: boolean): Promise<{ set: Int32Array; score: number; lowerBound: number; optimal: boolean }> {
  const minCost = minFixedCost(inst);
  let best = localSearchScore(inst, padCheapest(inst, phase.set), deadline);
  let lo = phase.lowerBound;
  const settled = () => ({ ...best, lowerBound: Math.min(best.score, lo + minCost), optimal: false });
  if (!exact || !phase.complete) return settled();
  const q = shareOf(inst);
  const scratch = new Float64Array(inst.rtt.length);
  const reach = (set: Int32Array) => latencyOf({ ...inst, objective: q === 1 ? "max" : "p95" }, set);
  let cap = Infinity;
  for (;;) {
    if (deadline.expired()) {
      deadline.hit();
      return settled();
    }
    const top = largestValueAtMost(inst, best.score - minCost);
    if (top < lo) return { ...best, lowerBound: best.score, optimal: true };
    const atTop = await cheapestCover(inst, top, cap, deadline);
    if (atTop.status === "infeasible") return { ...best, lowerBound: best.score, optimal: true };
    if (atTop.status === "unknown") return settled();
    let found = atTop.set;
    let foundAt = reach(found);
    let searchLo = lo;
    for (;;) {
      const mid = medianValueIn(inst, searchLo, foundAt, scratch);
      if (Number.isNaN(mid)) break;
      const c = await cheapestCover(inst, mid, cap, deadline);
      if (c.status === "optimal") {
        found = c.set;
        foundAt = reach(found);
      } else if (c.status === "infeasible") {
        searchLo = nextValueAbove(inst, mid);
        lo = searchLo;
      } else return settled();
    }
    const s = scoreOf(inst, found);
    if (s < best.score) best = { set: found, score: s };
    cap = fixedCost(inst, found);
    lo = nextValueAbove(inst, foundAt);
  }
}

export async function solveCoverage(inst: Instance, deadline: Deadline, method: PlacementMethod): Promise<PointSolution> {
  if (method === "enumerate" || (method === "auto" && enumerationWork(inst) <= ENUMERATION_WORK_LIMIT)) {
    const e = enumerateSubsets(inst, deadline);
    if (e.complete) return { set: e.set, score: e.score, lowerBound: e.score, optimal: true, method: "enumeration" };
  }
  const exact = method !== "heuristic";
  const phase = await thresholdSearch(inst, deadline, exact, greedyMean({ ...inst, objective: "mean" }));
  const label = ["threshold-search", ...(phase.searches > 0 ? ["branching"] : []), ...(phase.ilpRuns > 0 ? ["ilp"] : [])];
  if (!inst.hasCost) {
    const set = padByMean(inst, phase.set);
    const score = scoreOf(inst, set);
    const optimal = phase.complete && closes(phase.lowerBound, score);
    return { set, score, lowerBound: optimal ? score : Math.min(phase.lowerBound, score), optimal, method: label.join("+") };
  }
  const swept = await costSweep(inst, phase, deadline, exact);
  return { ...swept, method: [...label, "cost-sweep"].join("+") };
}
