import type { Clock } from "@/lib/core/clock";
import type { LatencySource, RegionKey } from "@/lib/core/types";

/**
 * What a placement minimises, over the users each served by one chosen region:
 * - `mean`: the weighted mean user → region RTT;
 * - `p95`: the weighted 95th percentile of those RTTs (nearest rank, see README.md);
 * - `max`: the worst user → region RTT;
 * - `conference`: the worst one-way delay between two participants through their regions.
 */
export type PlacementObjective = "mean" | "p95" | "max" | "conference";

/** `exactly`: k regions; `upTo`: between 1 and k, whichever scores best. */
export type KMode = "exactly" | "upTo";

export interface AudiencePoint {
  lat: number;
  lon: number;
  /** People or traffic at this point; default 1. */
  weight?: number;
}

export interface PlacementInput {
  users: readonly AudiencePoint[];
  k: number;
  objective: PlacementObjective;
  /** Region keys the caller allows, already filtered (provider, spec, quota …). */
  candidates: readonly RegionKey[];
  kMode?: KMode;
  /**
   * Milliseconds of objective traded for one USD per hour: the engine minimises
   * `objectiveMs + costWeight × Σ pricePerHour(chosen)`. 0 or absent: latency only.
   */
  costWeight?: number;
  /** USD per hour of what would run in each candidate; required for every candidate when costWeight > 0. */
  pricePerHour?: Readonly<Record<RegionKey, number>>;
  /** Wall-clock budget for the whole call; default 1,000 ms, at most 60,000 ms. */
  timeBudgetMs?: number;
  /** Seed of the random baseline; default 1. */
  seed?: number;
}

export type PlacementMethod = "auto" | "enumerate" | "ilp" | "heuristic";

/** Knobs for tests and benchmarks; the REST API passes none of them. */
export interface PlacementOptions {
  /**
   * Force a method. `enumerate` tries every choice (stopped only by the budget); `ilp` skips
   * enumeration and goes straight to the exact search for large instances (the integer program
   * for mean and conference, the threshold search with exact checks for max and p95);
   * `heuristic` runs no exact search but still reports a proven bound.
   */
  method?: PlacementMethod;
  /** Distinct user locations above which users are grouped into grid cells; default per objective (DEFAULT_MAX_POINTS). */
  maxPoints?: number;
  /** Grid cell size in degrees; forces grouping even below maxPoints. */
  cellDeg?: number;
  /** Monotonic milliseconds for the time budget; default performance.now(). */
  clock?: Clock;
}

export interface Assignment {
  user: number;
  region: RegionKey;
  rttMs: number;
  /** User → region RTT always comes from the distance model plus the access term. */
  source: LatencySource;
}

export interface PlacementStats {
  meanMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface BaselineResult {
  regions: RegionKey[];
  objectiveMs: number;
  /** Present when prices were given. */
  costPerHour?: number;
  /** objectiveMs + costWeight × costPerHour, the number the engine minimises. */
  score: number;
}

export interface RegionLink {
  from: RegionKey;
  to: RegionKey;
  rttMs: number;
  source: LatencySource;
}

/** The pair of participants that sets the conference objective, and the path between them. */
export interface WorstPair {
  users: [number, number];
  regions: [RegionKey, RegionKey];
  oneWayMs: number;
}

export interface SolverReport {
  /** e.g. `enumeration`, `ilp`, `threshold-search`, `local-search+lagrangian`. */
  method: string;
  /** True only when the answer is proven optimal for the users as given (not just for the cells). */
  optimal: boolean;
  /** 100 × (score − lowerBound) / score; 0 when optimal. */
  gapPct: number;
  /** A proven lower bound on the best score any choice of regions can reach for these users. */
  lowerBound: number;
  ms: number;
  /** True when the time budget stopped a search before it finished. */
  budgetHit: boolean;
}

export interface CellReport {
  count: number;
  cellDeg: number;
  /** Largest |RTT(user, r) − RTT(cell centre, r)| the grouping can cause, over users and regions. */
  maxErrorMs: number;
  /** Weighted mean of the same per-user bound. */
  meanErrorMs: number;
}

export interface PlacementResult {
  objective: PlacementObjective;
  /** Chosen regions, in candidate order. */
  regions: RegionKey[];
  /** One entry per user, in input order: the chosen region with the lowest RTT for that user. */
  assignment: Assignment[];
  objectiveMs: number;
  costPerHour?: number;
  score: number;
  stats: PlacementStats;
  baselines: { centroid: BaselineResult; nearest: BaselineResult; random: BaselineResult };
  /** RTT between every pair of chosen regions (the conference middle leg), with its source. */
  links: RegionLink[];
  worstPair?: WorstPair;
  solver: SolverReport;
  cells?: CellReport;
}
