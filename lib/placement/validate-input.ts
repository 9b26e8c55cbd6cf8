import type { RegionKey } from "@/lib/core/types";
import type { LatencyModel } from "./latency";
import { PlacementInputError } from "./placement-input-error";
import type { KMode, PlacementInput, PlacementObjective, PlacementOptions } from "./types";

/** Audience cap: beyond it a request is refused rather than left to eat the server's memory. */
export const MAX_USERS = 100_000;
export const DEFAULT_TIME_BUDGET_MS = 1_000;
export const MAX_TIME_BUDGET_MS = 60_000;
/**
 * Distinct user locations solved one by one; more are grouped into grid cells. The mean and the
 * conference searches cost more per point, and the mean's bound is carried back to the users
 * nearly losslessly (meanUserBound.ts), so they take coarser cells; max and p95 lose their cells'
 * full error in the bound, so they keep finer ones.
 */
export const DEFAULT_MAX_POINTS: Readonly<Record<PlacementObjective, number>> = { mean: 1_200, conference: 1_200, p95: 2_500, max: 2_500 };

const OBJECTIVES: readonly PlacementObjective[] = ["mean", "p95", "max", "conference"];
const K_MODES: readonly KMode[] = ["exactly", "upTo"];

export interface WeightedUser {
  lat: number;
  lon: number;
  weight: number;
}

export interface ValidInput {
  users: WeightedUser[];
  k: number;
  kMode: KMode;
  objective: PlacementObjective;
  candidates: RegionKey[];
  costWeight: number;
  /** Price per candidate, in candidate order; null when no cost weight. */
  prices: Float64Array | null;
  budgetMs: number;
  seed: number;
}

function fail(field: string, message: string): never {
  throw new PlacementInputError(field, message);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Checks everything up front, so the solvers never see a value they would have to guess about. */
export function validateInput(model: LatencyModel, input: PlacementInput, options: PlacementOptions = {}): ValidInput {
  if (!OBJECTIVES.includes(input.objective)) fail("objective", `objective must be one of ${OBJECTIVES.join(", ")}, got ${String(input.objective)}`);
  const kMode = input.kMode ?? "exactly";
  if (!K_MODES.includes(kMode)) fail("kMode", `kMode must be "exactly" or "upTo", got ${String(kMode)}`);

  if (!Array.isArray(input.candidates) || input.candidates.length === 0) {
    fail("candidates", "no candidate regions: allow at least one region");
  }
  const seen = new Set<string>();
  input.candidates.forEach((key, i) => {
    if (typeof key !== "string" || !model.has(key)) fail(`candidates[${i}]`, `unknown region key "${String(key)}"`);
    if (seen.has(key)) fail(`candidates[${i}]`, `region "${key}" is listed twice`);
    seen.add(key);
  });
  const candidates = [...input.candidates];

  if (!Number.isInteger(input.k) || input.k < 1) fail("k", `k must be a whole number ≥ 1, got ${String(input.k)}`);
  if (input.k > candidates.length) {
    fail("k", `k = ${input.k} but only ${candidates.length} candidate region${candidates.length === 1 ? "" : "s"}: lower k or allow more regions`);
  }

  if (!Array.isArray(input.users) || input.users.length === 0) fail("users", "no users: put at least one participant on the map");
  if (input.users.length > MAX_USERS) {
    fail("users", `${input.users.length} users is over the cap of ${MAX_USERS}: merge nearby users into weighted points`);
  }
  let totalWeight = 0;
  const users = input.users.map((u, i): WeightedUser => {
    if (!isFiniteNumber(u?.lat) || u.lat < -90 || u.lat > 90) fail(`users[${i}].lat`, `latitude must be a number in −90..90, got ${String(u?.lat)}`);
    if (!isFiniteNumber(u.lon) || u.lon < -180 || u.lon > 180) fail(`users[${i}].lon`, `longitude must be a number in −180..180, got ${String(u.lon)}`);
    const weight = u.weight ?? 1;
    if (!isFiniteNumber(weight) || weight <= 0) fail(`users[${i}].weight`, `weight must be a positive number, got ${String(u.weight)}`);
    totalWeight += weight;
    return { lat: u.lat, lon: u.lon, weight };
  });
  if (!Number.isFinite(totalWeight)) fail("users", "the weights add up to more than a number can hold: scale them down");

  const costWeight = input.costWeight ?? 0;
  if (!isFiniteNumber(costWeight) || costWeight < 0) fail("costWeight", `costWeight must be a number ≥ 0, got ${String(input.costWeight)}`);
  let prices: Float64Array | null = null;
  if (costWeight > 0) {
    const table = input.pricePerHour;
    if (!table || typeof table !== "object") fail("pricePerHour", "costWeight > 0 needs pricePerHour for every candidate");
    prices = new Float64Array(candidates.length);
    candidates.forEach((key, j) => {
      const p = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
      if (!isFiniteNumber(p) || p < 0) fail(`pricePerHour.${key}`, `no usable price for candidate "${key}" (got ${String(p)})`);
      prices![j] = p;
    });
  }

  const budgetMs = input.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  if (!isFiniteNumber(budgetMs) || budgetMs <= 0 || budgetMs > MAX_TIME_BUDGET_MS) {
    fail("timeBudgetMs", `timeBudgetMs must be in (0, ${MAX_TIME_BUDGET_MS}], got ${String(input.timeBudgetMs)}`);
  }
  const seed = input.seed ?? 1;
  if (!Number.isInteger(seed)) fail("seed", `seed must be a whole number, got ${String(input.seed)}`);

  if (options.maxPoints !== undefined && !(Number.isInteger(options.maxPoints) && options.maxPoints >= 1)) {
    fail("maxPoints", `maxPoints must be a whole number ≥ 1, got ${String(options.maxPoints)}`);
  }
  if (options.cellDeg !== undefined && !(isFiniteNumber(options.cellDeg) && options.cellDeg > 0 && options.cellDeg <= 90)) {
    fail("cellDeg", `cellDeg must be in (0, 90], got ${String(options.cellDeg)}`);
  }

  return { users, k: input.k, kMode, objective: input.objective, candidates, costWeight, prices, budgetMs, seed };
}
