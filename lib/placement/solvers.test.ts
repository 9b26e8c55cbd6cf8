import { describe, expect, it } from "vitest";
import { solvePlacement } from "./index";
import { bruteForce } from "./testing/brute-force";
import { randomWorld } from "./testing/random-instance";
import type { KMode, PlacementMethod, PlacementObjective } from "./types";

const OBJECTIVES: PlacementObjective[] = ["mean", "p95", "max", "conference"];
const CASES_PER_SETTING = 10;
// Generous: these instances take milliseconds, and a budget cut would turn an exact method
// into a bounded one, which the assertions below would (rightly) reject.
const BUDGET = 20_000;

interface Setting {
  objective: PlacementObjective;
  kMode: KMode;
  cost: boolean;
}

const settings: Setting[] = OBJECTIVES.flatMap((objective) =>
  (["exactly", "upTo"] as KMode[]).flatMap((kMode) => [false, true].map((cost) => ({ objective, kMode, cost }))),
);

function caseInput(seed: number, s: Setting) {
  const regionCount = 5 + (seed % 4);
  const world = randomWorld(seed, regionCount, 4 + ((seed * 7) % 9));
  const k = 1 + (seed % 3);
  return {
    world,
    input: {
      users: world.users,
      k,
      kMode: s.kMode,
      objective: s.objective,
      candidates: world.regions,
      costWeight: s.cost ? 40 : 0,
      pricePerHour: s.cost ? world.prices : undefined,
      timeBudgetMs: BUDGET,
    },
  };
}

const label = (s: Setting) => `${s.objective}, ${s.kMode}, ${s.cost ? "with cost" : "latency only"}`;

describe.each(["enumerate", "ilp"] as PlacementMethod[])("exact method %s", (method) => {
  it.each(settings.map((s) => [label(s), s] as const))("matches brute force: %s", async (_, s) => {
    for (let c = 0; c < CASES_PER_SETTING; c++) {
      const seed = 1000 * OBJECTIVES.indexOf(s.objective) + 100 * c + (s.cost ? 7 : 0) + (s.kMode === "upTo" ? 3 : 0) + 1;
      const { world, input } = caseInput(seed, s);
      const truth = bruteForce(world.model, input);
      const r = await solvePlacement(world.model, input, { method });
      expect(r.score, `seed ${seed}`).toBeCloseTo(truth.score, 7);
      expect(r.solver.optimal, `seed ${seed}`).toBe(true);
      expect(r.solver.gapPct).toBe(0);
      expect(r.solver.lowerBound).toBeCloseTo(truth.score, 7);
      expect(r.regions.length).toBeGreaterThanOrEqual(s.kMode === "exactly" ? input.k : 1);
      expect(r.regions.length).toBeLessThanOrEqual(input.k);
    }
  });
});

describe("bounded heuristics", () => {
  it.each(settings.map((s) => [label(s), s] as const))("bracket the optimum: %s", async (_, s) => {
    for (let c = 0; c < CASES_PER_SETTING; c++) {
      const seed = 5000 + 1000 * OBJECTIVES.indexOf(s.objective) + 100 * c + (s.cost ? 7 : 0) + (s.kMode === "upTo" ? 3 : 0);
      const { world, input } = caseInput(seed, s);
      const truth = bruteForce(world.model, input);
      const r = await solvePlacement(world.model, input, { method: "heuristic" });
      // lower bound ≤ optimum ≤ reported score, up to rounding
      expect(r.solver.lowerBound, `seed ${seed}`).toBeLessThanOrEqual(truth.score + 1e-9);
      expect(r.score, `seed ${seed}`).toBeGreaterThanOrEqual(truth.score - 1e-9);
      expect(r.solver.gapPct).toBeCloseTo((100 * (r.score - r.solver.lowerBound)) / r.score, 9);
      if (r.solver.optimal) expect(r.score).toBeCloseTo(truth.score, 7);
    }
  });
});

describe("auto mode past the enumeration limit", () => {
  // C(30, 6) = 593,775 choices × 60 users is over the work limit, so auto runs the searches,
  // bounds and integer programs; the engine's own enumeration (checked against brute force
  // above) gives the truth.
  it.each(OBJECTIVES)("%s: its bound and answer bracket the optimum", async (objective) => {
    const world = randomWorld(77, 30, 60);
    const input = { users: world.users, k: 6, objective, candidates: world.regions, timeBudgetMs: 3_000 };
    const truth = await solvePlacement(world.model, { ...input, timeBudgetMs: BUDGET }, { method: "enumerate" });
    expect(truth.solver.optimal).toBe(true);
    const r = await solvePlacement(world.model, input);
    expect(r.solver.method).not.toBe("enumeration");
    expect(r.solver.lowerBound).toBeLessThanOrEqual(truth.score + 1e-9);
    expect(r.score).toBeGreaterThanOrEqual(truth.score - 1e-9);
    if (r.solver.optimal) expect(r.score).toBeCloseTo(truth.score, 7);
  });
});
