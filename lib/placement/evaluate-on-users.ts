import type { RegionKey } from "@/lib/core/types";
import { P95, weightedQuantile } from "./evaluate";
import type { LatencyModel } from "./latency";
import type { PlacementObjective, PlacementStats } from "./types";
import type { WeightedUser } from "./validate-input";

export interface UserEvaluation {
  /** Index into the chosen keys of each user's region. */
  region: Int32Array;
  rttMs: Float64Array;
  objectiveMs: number;
  stats: PlacementStats;
  worstPair?: { users: [number, number]; regions: [number, number]; oneWayMs: number };
}

/**
 * Scores a choice of regions on the users themselves, never on cells: what the answer reports is
 * what each user would get. Users go to their lowest-RTT chosen region; ties go to the region
 * listed first, `keys` being in candidate order.
 */
export function evaluateOnUsers(model: LatencyModel, users: readonly WeightedUser[], keys: readonly RegionKey[], objective: PlacementObjective): UserEvaluation {
  const u = users.length;
  const region = new Int32Array(u);
  const rttMs = new Float64Array(u).fill(Infinity);
  for (let t = 0; t < keys.length; t++) {
    for (let i = 0; i < u; i++) {
      const v = model.fromPointMs(users[i], keys[t]);
      if (v < rttMs[i]) {
        rttMs[i] = v;
        region[i] = t;
      }
    }
  }
  const weights = Float64Array.from(users, (x) => x.weight);
  let total = 0;
  let sum = 0;
  let maxMs = -Infinity;
  for (let i = 0; i < u; i++) {
    total += weights[i];
    sum += weights[i] * rttMs[i];
    if (rttMs[i] > maxMs) maxMs = rttMs[i];
  }
  const stats: PlacementStats = { meanMs: sum / total, p95Ms: weightedQuantile(rttMs, weights, P95), maxMs };
  if (objective !== "conference") {
    return { region, rttMs, objectiveMs: objective === "mean" ? stats.meanMs : objective === "p95" ? stats.p95Ms : stats.maxMs, stats };
  }
  // Only each region's furthest user can be in the worst pair (see evaluate.ts).
  const far = new Int32Array(keys.length).fill(-1);
  for (let i = 0; i < u; i++) if (far[region[i]] < 0 || rttMs[i] > rttMs[far[region[i]]]) far[region[i]] = i;
  let worst = { users: [0, 0] as [number, number], regions: [0, 0] as [number, number], oneWayMs: -Infinity };
  for (let a = 0; a < keys.length; a++) {
    if (far[a] < 0) continue;
    for (let b = a; b < keys.length; b++) {
      if (far[b] < 0) continue;
      const middle = a === b ? 0 : model.between(keys[a], keys[b]).rttMs;
      const v = (rttMs[far[a]] + middle + rttMs[far[b]]) / 2;
      if (v > worst.oneWayMs) worst = { users: [far[a], far[b]], regions: [a, b], oneWayMs: v };
    }
  }
  return { region, rttMs, objectiveMs: worst.oneWayMs, stats, worstPair: worst };
}
