import type { Rtt } from "@/lib/core/types";
import type { LatencyModel } from "@/lib/placement/latency";
import type { LatencyEndpoint } from "@/lib/validation/latency";
import { requireRegion } from "./regions";

function label(e: LatencyEndpoint): string {
  return e.kind === "region" ? e.key : `${e.lat},${e.lon}`;
}

function rtt(model: LatencyModel, a: LatencyEndpoint, b: LatencyEndpoint): Rtt {
  if (a.kind === "region") return b.kind === "region" ? model.between(a.key, b.key) : model.fromPoint(b, a.key);
  return b.kind === "region" ? model.fromPoint(a, b.key) : model.betweenPoints(a, b);
}

/** RTT between two ends, each a region key or a point; a point pays the access (last-mile) term. */
export function latencyBetween(model: LatencyModel, from: LatencyEndpoint, to: LatencyEndpoint): Rtt & { from: string; to: string } {
  for (const e of [from, to]) if (e.kind === "region") requireRegion(e.key);
  return { from: label(from), to: label(to), ...rtt(model, from, to) };
}
