/**
 * Monitoring's public entry: what routes and server actions call. The collector, rollups and the
 * alert evaluator run inside the server (see monitoring.ts) and are not called from the edges.
 */
export { writeLineProtocol, type IngestDeps, type WriteResult } from "./ingest";
export { queryMetrics, topByMean, type QueryDeps } from "./query";
export { createRule, deleteRule, getRule, listEvents, listRules, toEventView, toRuleView, type RuleDeps } from "./rules";
