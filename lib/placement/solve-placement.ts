import { centroidOrder, nearestBaseline, randomBaseline } from "./baselines";
import { createDeadline, monotonicClock, type Deadline } from "./deadline";
import { subsetUserBound } from "./subset-user-bound";
import { evaluateOnUsers, type UserEvaluation } from "./evaluate-on-users";
import { groupUsers, type PointSet } from "./group-users";
import { buildInstance, minFixedCost, type Instance } from "./instance";
import type { LatencyModel } from "./latency";
import { meanUserBound } from "./mean-user-bound";
import { safeBound, type PointSolution } from "./point-solution";
import { affordableSample } from "./sample-bound";
import { solveConference, pairPathBound } from "./solve-conference";
import { solveCoverage } from "./solve-coverage";
import { solveMean } from "./solve-mean";
import type { BaselineResult, PlacementInput, PlacementOptions, PlacementResult, RegionLink } from "./types";
import { DEFAULT_MAX_POINTS, validateInput, type ValidInput } from "./validate-input";

async function solvePoints(inst: Instance, v: ValidInput, deadline: Deadline, lossy: boolean, method: PlacementOptions["method"] = "auto"): Promise<PointSolution> {
  if (inst.kMin === inst.m) {
    // "Exactly k of k": there is only one choice.
    const set = Int32Array.from({ length: inst.m }, (_, j) => j);
    return { set, score: NaN, lowerBound: NaN, optimal: true, method: "all-candidates" };
  }
  switch (v.objective) {
    case "mean":
      return solveMean(inst, deadline, method);
    case "p95":
    case "max":
      return solveCoverage(inst, deadline, method);
    case "conference":
      // On lossy cells a sample of cell centres proves nothing for the users: the sample is
      // then taken from real users after the search (subsetUserBound.ts).
      return solveConference(inst, deadline, method, !lossy);
  }
}

/**
 * Carries a bound proven on cells over to the users (README.md, "Cells"): the mean hands its
 * Lagrange multipliers down, max and conference also solve a subset of real users when that is
 * cheap, and every objective can fall back on taking the cells' error off.
 */
function boundForUsers(model: LatencyModel, v: ValidInput, points: PointSet, inst: Instance, solution: PointSolution, deadline: Deadline): number {
  switch (v.objective) {
    case "mean": {
      const crude = solution.lowerBound - points.meanErrorMs;
      if (!solution.lambda) return crude;
      return Math.max(crude, safeBound(meanUserBound(model, v.users, points, inst, v.candidates, solution.lambda, deadline)));
    }
    case "p95":
      return solution.lowerBound - points.maxErrorMs;
    case "max":
      return Math.max(solution.lowerBound - points.maxErrorMs, safeBound(subsetUserBound(model, v, points, inst, deadline)));
    case "conference": {
      // An exact answer on cells assumes each cell goes to one region as a whole; users near a
      // cell's edge may not, so only bounds that hold under any assignment carry over. The
      // heuristic path computed them already; enumeration and the program did not.
      const free = solution.assignmentFreeBound ?? pairPathBound(inst) + minFixedCost(inst);
      return Math.max(safeBound(free) - points.maxErrorMs, safeBound(subsetUserBound(model, v, points, inst, deadline)));
    }
  }
}

/**
 * Picks k regions (or up to k) for an audience: see README.md for each objective's method, the
 * cell error bound and what the gap means. Deterministic for the same input as long as the time
 * budget is not reached (solver.budgetHit says when it was).
 */
export async function solvePlacement(model: LatencyModel, input: PlacementInput, options: PlacementOptions = {}): Promise<PlacementResult> {
  const clock = options.clock ?? monotonicClock;
  const started = clock.now();
  const v = validateInput(model, input, options);
  const deadline = createDeadline(v.budgetMs, clock);
  const points = groupUsers(v.users, { maxPoints: options.maxPoints ?? DEFAULT_MAX_POINTS[v.objective], cellDeg: options.cellDeg });
  const inst = buildInstance(model, points, v);
  const lossy = points.cells !== null && points.maxErrorMs > 0;

  const keysOf = (set: Int32Array) => Array.from(set, (j) => v.candidates[j]);
  const priceOf = (set: Int32Array) => (v.prices ? Array.from(set).reduce((s, j) => s + v.prices![j], 0) : undefined);
  const scoreWith = (evaluation: UserEvaluation, set: Int32Array) => evaluation.objectiveMs + v.costWeight * (priceOf(set) ?? 0);

  // The baselines do not depend on the answer, so they are scored first, and what one scoring
  // took on this machine, right now, sizes the time kept back for the answer's. (A fixed
  // estimate was 5× short on a busy machine.)
  const scoringStarted = clock.now();
  const order = centroidOrder(model, v.users, v.candidates);
  const baseline = (set: Int32Array): BaselineResult => {
    const e = evaluateOnUsers(model, v.users, keysOf(set), v.objective);
    const costPerHour = priceOf(set);
    return { regions: keysOf(set), objectiveMs: e.objectiveMs, ...(costPerHour !== undefined ? { costPerHour } : {}), score: scoreWith(e, set) };
  };
  const baselines = {
    centroid: baseline(Int32Array.from(order.slice(0, v.k)).sort()),
    nearest: baseline(nearestBaseline(inst, order, v.k)),
    random: baseline(randomBaseline(v.candidates.length, v.k, v.seed)),
  };
  const scoringMs = (clock.now() - scoringStarted) / 3;
  // Scoring the answer, building one assignment object per user and the bounds' bookkeeping.
  const evaluationMs = 5 + 2 * scoringMs;
  // The users' own bounds get their share up front so the solvers cannot leave them nothing:
  // the mean's costs a few dozen model calls per user (a scoring is k per user); the
  // conference's exhaustive search over a sample of real users is kept 30%.
  const userBoundMs = !lossy
    ? 0
    : v.objective === "mean"
      ? Math.min(0.25 * deadline.remainingMs(), (40 / v.k) * scoringMs)
      : v.objective === "conference" && affordableSample(inst) >= 4
        ? 0.3 * deadline.remainingMs()
        : 0;
  const solveDeadline = deadline.child(deadline.remainingMs() - evaluationMs - userBoundMs);
  const solution = await solvePoints(inst, v, solveDeadline, lossy, options.method);

  const regions = keysOf(solution.set);
  const answer = evaluateOnUsers(model, v.users, regions, v.objective);
  const score = scoreWith(answer, solution.set);

  // With cells only a choice that is the only one possible is known optimal for the users.
  const optimal = solution.optimal && (!lossy || solution.method === "all-candidates");
  const boundDeadline = deadline.child(deadline.remainingMs() - 5);
  // A bound can only exceed the score through rounding; the score is the better bound then.
  const lowerBound = optimal ? score : Math.min(score, lossy ? boundForUsers(model, v, points, inst, solution, boundDeadline) : solution.lowerBound);

  const links: RegionLink[] = [];
  for (let a = 0; a < regions.length; a++) {
    for (let b = a + 1; b < regions.length; b++) links.push({ from: regions[a], to: regions[b], ...model.between(regions[a], regions[b]) });
  }
  const costPerHour = priceOf(solution.set);
  const gapPct = optimal ? 0 : Math.max(0, (100 * (score - lowerBound)) / score);
  return {
    objective: v.objective,
    regions,
    assignment: Array.from(answer.rttMs, (rttMs, user) => ({ user, region: regions[answer.region[user]], rttMs, source: "estimated" as const })),
    objectiveMs: answer.objectiveMs,
    ...(costPerHour !== undefined ? { costPerHour } : {}),
    score,
    stats: answer.stats,
    baselines,
    links,
    ...(answer.worstPair
      ? { worstPair: { users: answer.worstPair.users, regions: [regions[answer.worstPair.regions[0]], regions[answer.worstPair.regions[1]]] as [string, string], oneWayMs: answer.worstPair.oneWayMs } }
      : {}),
    solver: { method: solution.method, optimal, gapPct, lowerBound, ms: clock.now() - started, budgetHit: deadline.wasHit },
    ...(points.cells ? { cells: points.cells } : {}),
  };
}
