/**
 * The distance model behind every estimated RTT. Coefficients come from fit.json, written by
 * scripts/build-latency.mjs from CB-Tumblebug's measured matrix; see README.md for the fit.
 */
import fit from "./fit.json";

/** Light in fibre (~200,000 km/s) gives 1 ms of round trip per 100 km: no estimate may beat it. */
export const FLOOR_MS_PER_KM: number = fit.floorMsPerKm;

/**
 * Fitted fixed part of a region-to-region path (ms); close to what same-city pairs of
 * different providers measure (median 2.6 ms over 77 pairs under 50 km apart).
 */
export const INTERCEPT_MS: number = fit.interceptMs;

/** Fitted RTT per great-circle km; ~1.66× the fibre floor because routes are not geodesics. */
export const MS_PER_KM: number = Math.max(fit.msPerKm, fit.floorMsPerKm);

/**
 * RTT between two VMs of the same region when the region's own diagonal was not measured:
 * the median of the 99 measured diagonal cells (same-region probe pairs).
 */
export const INTRA_REGION_RTT_MS: number = fit.intraRegionMs;

/**
 * The access term for a user: the round trip from a device to its ISP's first well-connected
 * hop (home network + last mile + metro aggregation). 15 ms is a judgement for today's fixed
 * broadband, between fibre and cable: the FCC's Measuring Broadband America (RTT from home to
 * the nearest in-ISP test server) averaged 24/32/49 ms for fibre/cable/DSL in 2011, and access
 * has got faster since (Ookla: best US fixed ISP 9 ms; mobile carriers 31–39 ms). README.md
 * has the sources. It is added, never fitted: the 2022 matrix has no user endpoints.
 */
export const ACCESS_RTT_MS = 15;

/** Fitted region-to-region RTT for a great-circle distance, never below the fibre floor. */
export function estimateRttMs(km: number): number {
  // `!(km >= 0)` also catches NaN, which would otherwise slip through every comparison.
  if (!(km >= 0)) throw new RangeError(`distance must be a non-negative number of km, got ${km}`);
  const fitted = INTERCEPT_MS + MS_PER_KM * km;
  const floor = FLOOR_MS_PER_KM * km;
  return fitted > floor ? fitted : floor;
}
