import { describe, expect, it } from "vitest";
import { solverVerdict } from "./placement-format";

describe("solverVerdict", () => {
  it("says optimal only when it was proven", () => {
    expect(solverVerdict({ optimal: true, gapPct: 0, budgetHit: false })).toEqual({ text: "proven optimal", proven: true });
    expect(solverVerdict({ optimal: false, gapPct: 3.24, budgetHit: false })).toEqual({ text: "within 3.2% of optimal", proven: false });
  });

  it("gives the proven gap, never 'optimal' alone, when the time budget stopped the search", () => {
    const v = solverVerdict({ optimal: false, gapPct: 3.24, budgetHit: true });
    expect(v).toEqual({ text: "within 3.2% of optimal (time budget reached)", proven: false });
    expect(v.text).not.toMatch(/^optimal/);
  });

  // The mean's Lagrangian bound can close the gap after an earlier heuristic step used up its
  // share of the budget: the answer is then proven, and the budget note would only confuse.
  it("does not pair 'optimal' with the budget note when the proof came in anyway", () => {
    expect(solverVerdict({ optimal: true, gapPct: 0, budgetHit: true })).toEqual({ text: "proven optimal", proven: true });
  });

  it("does not round a small open gap down to 0%, and says when no bound was proven", () => {
    expect(solverVerdict({ optimal: false, gapPct: 0.01, budgetHit: true }).text).toBe("within 0.1% of optimal (time budget reached)");
    expect(solverVerdict({ optimal: false, gapPct: Number.POSITIVE_INFINITY, budgetHit: true }).text).toBe("no bound proven (time budget reached)");
  });
});
