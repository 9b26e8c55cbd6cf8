import type { placeAudienceAction } from "./actions";

export type PlacementAnswer = Extract<Awaited<ReturnType<typeof placeAudienceAction>>, { ok: true }>["data"];
export type Objective = PlacementAnswer["objective"];

export const OBJECTIVE_TEXT: Record<Objective, { label: string; figure: string; hint: string }> = {
  mean: { label: "Mean", figure: "mean RTT", hint: "the average user's round trip to their nearest chosen region" },
  p95: { label: "p95", figure: "95th-percentile RTT", hint: "95% of the audience (by weight) is served within this round trip" },
  max: { label: "Worst", figure: "worst user's RTT", hint: "no user waits longer than this for their nearest region" },
  conference: { label: "Conference", figure: "worst one-way delay between two participants", hint: "the worst pair: user → region → relay link → region → user, one way" },
};

export type SolverVerdict = { text: string; proven: boolean };

/**
 * What the solver proved about its answer, in words. "Optimal" only when it was proven (a
 * bound met the answer, even if a search step ran out of budget on the way); otherwise the
 * gap to the best bound, and whether the time budget is why the gap stayed open.
 */
export function solverVerdict(solver: Pick<PlacementAnswer["solver"], "optimal" | "gapPct" | "budgetHit">): SolverVerdict {
  if (solver.optimal) return { text: "proven optimal", proven: true };
  const gap = !Number.isFinite(solver.gapPct)
    ? "no bound proven"
    : solver.gapPct < 0.05
      ? "within 0.1% of optimal"
      : `within ${solver.gapPct.toFixed(1)}% of optimal`;
  return { text: solver.budgetHit ? `${gap} (time budget reached)` : gap, proven: false };
}
