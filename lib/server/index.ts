/**
 * The server's public entry for routes, server actions and pages: the composition root and the
 * facades that put the catalogue, the stores and the models together for one request.
 */
export { runtime, type Runtime } from "./runtime";
export { checkHealth, type HealthDeps } from "./health";
export { latencyBetween } from "./latency";
export { placeAudience, type PlacementDeps } from "./placement";
export { mciQuality, type QualityDeps } from "./quality";
export { regionsWithConnections, requireRegion } from "./regions";
