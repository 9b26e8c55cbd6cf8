/**
 * Placement: which cloud regions should serve an audience. Pure TypeScript, no I/O; the latency
 * model lives in ./latency, the engine beside it. README.md explains the methods and bounds.
 */
export { solvePlacement } from "./solve-placement";
export { latencyMatrix, MAX_MATRIX_CELLS, type LatencyMatrix } from "./latency-matrix";
export { PlacementInputError } from "./placement-input-error";
export { carelessRegions, compareQuality, participantQuality, type ParticipantQuality, type QualityComparison, type QualityParticipant, type QualityServer, type QualitySide, type QualitySource } from "./quality";
export { preloadPlacementSolver } from "./mip";
export { DEFAULT_MAX_POINTS, DEFAULT_TIME_BUDGET_MS, MAX_TIME_BUDGET_MS, MAX_USERS } from "./validate-input";
export type {
  AudiencePoint,
  Assignment,
  BaselineResult,
  CellReport,
  KMode,
  PlacementInput,
  PlacementMethod,
  PlacementObjective,
  PlacementOptions,
  PlacementResult,
  PlacementStats,
  RegionLink,
  SolverReport,
  WorstPair,
} from "./types";
export * from "./latency";
