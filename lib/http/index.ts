/**
 * The one way in for routes and server actions: the wrappers that validate and authenticate, the
 * endpoint definitions they validate against, and the OpenAPI document built from the same.
 */
export { json, route, type RouteInput } from "./route";
export { validatedAction, actionWrapper, publicAction, type ActionFailure, type ActionResult, type Issue } from "./action";
export { ALL_ENDPOINTS, accounts, apps, catalogue, commands, connections, credentials, fleet, hostKeys, influx, monitoring, placement, provisioning, system } from "./endpoints";
export { buildOpenApi } from "./openapi";
export { endpointAccess, type EndpointAccessTable } from "./endpoint-access";
export { readTextBody } from "./text-body";
export { MAX_WRITE_BYTES, writeMetricsAnswer } from "./metrics-write";
export { influxCompatible, influxError, type InfluxApi } from "./influx-compat";
export { answerInfluxQuery } from "./influx-query";
export { accountsExist, pageViewer, type Viewer } from "./page-guard";
