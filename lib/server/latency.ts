import { ACCESS_RTT_MS, estimateRttMs, greatCircleKm } from "@/lib/placement/latency";
import type { Rtt } from "@/lib/core/types";
import type { LatencyEndpoint } from "@/lib/validation/latency";
import { requireRegion } from "./regions";
import { runtime } from "./runtime";

function label(e: LatencyEndpoint): string {
  return e.kind === "region" ? e.key : `${e.lat},${e.lon}`;
}

/** RTT between two ends, each a region key or a point; a point pays the access (last-mile) term. */
export function latencyBetween(from: LatencyEndpoint, to: LatencyEndpoint): Rtt & { from: string; to: string } {
  const model = runtime().latency;
  for (const e of [from, to]) if (e.kind === "region") requireRegion(e.key);
  let rtt: Rtt;
  if (from.kind === "region" && to.kind === "region") rtt = model.between(from.key, to.key);
  else if (from.kind === "point" && to.kind === "region") rtt = model.fromPoint(from, to.key);
  else if (from.kind === "region" && to.kind === "point") rtt = model.fromPoint(to, from.key);
  else if (from.kind === "point" && to.kind === "point") {
    rtt = { rttMs: round(2 * ACCESS_RTT_MS + estimateRttMs(greatCircleKm(from, to))), source: "estimated" };
  } else throw new Error("unreachable");
  return { from: label(from), to: label(to), ...rtt };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
