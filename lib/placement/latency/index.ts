/**
 * The latency model: measured region-to-region RTT where CB-Tumblebug measured it (Nov 2022),
 * a fitted great-circle distance model elsewhere, and an access term for users. Pure: no I/O.
 */
export { greatCircleKm, EARTH_RADIUS_KM, type GeoPoint } from "./geo";
export { ACCESS_RTT_MS, FLOOR_MS_PER_KM, INTERCEPT_MS, INTRA_REGION_RTT_MS, MS_PER_KM, estimateRttMs } from "./distance-fit";
export { createLatencyModel, type LatencyModel, type LatencyRegion, type MeasuredMatrix } from "./latency-model";
