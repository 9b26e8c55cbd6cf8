import { DEG_TO_RAD } from "./latency/geo";
import type { LatencyModel } from "./latency";
import type { Instance } from "./instance";
import { modelIndexes } from "./instance";
import { createRng, sampleIndices } from "@/lib/core/rng";
import type { WeightedUser } from "./validate-input";

/**
 * CB-Tumblebug's simple ways of picking regions, kept to show what the optimiser buys. Each
 * returns candidate indices in ascending order; they are scored like the real answer.
 */

/** Weighted mean of the users' unit vectors, back on the sphere; the heaviest user if they cancel out. */
export function sphericalCentroid(users: readonly WeightedUser[]): { lat: number; lon: number } {
  let x = 0;
  let y = 0;
  let z = 0;
  let heaviest = users[0];
  for (const u of users) {
    const lat = u.lat * DEG_TO_RAD;
    const lon = u.lon * DEG_TO_RAD;
    x += u.weight * Math.cos(lat) * Math.cos(lon);
    y += u.weight * Math.cos(lat) * Math.sin(lon);
    z += u.weight * Math.sin(lat);
    if (u.weight > heaviest.weight) heaviest = u;
  }
  const norm = Math.hypot(x, y, z);
  let total = 0;
  for (const u of users) total += u.weight;
  // Users spread evenly round the globe have no meaningful centre.
  if (norm < 1e-9 * total) return { lat: heaviest.lat, lon: heaviest.lon };
  return { lat: Math.asin(Math.max(-1, Math.min(1, z / norm))) / DEG_TO_RAD, lon: Math.atan2(y, x) / DEG_TO_RAD };
}

/**
 * Candidates by distance from a point, nearest first, ties to candidate order. The model's
 * user → region RTT grows strictly with great-circle distance (the access term is the same for
 * all), so ordering by it is ordering by distance.
 */
function byDistanceFrom(model: LatencyModel, candidates: readonly string[], point: { lat: number; lon: number }): number[] {
  const all = model.fromPointToAll(point);
  const cols = modelIndexes(model, candidates);
  return Array.from({ length: candidates.length }, (_, j) => j).sort((a, b) => all[cols[a]] - all[cols[b]] || a - b);
}

/**
 * `nearest`: every point votes, with its weight, for its nearest candidate; the k with most
 * weight win (ties to candidate order). When users are grouped into cells a cell votes as a
 * whole. Fewer than kMin distinct winners are completed with the centroid's order.
 */
export function nearestBaseline(inst: Instance, centroidOrder: readonly number[], k: number): Int32Array {
  const { n, m, rtt, weight } = inst;
  const votes = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let bj = 0;
    for (let j = 1; j < m; j++) if (rtt[i * m + j] < rtt[i * m + bj]) bj = j;
    votes[bj] += weight[i];
  }
  const ranked = Array.from({ length: m }, (_, j) => j)
    .filter((j) => votes[j] > 0)
    .sort((a, b) => votes[b] - votes[a] || a - b)
    .slice(0, k);
  for (const j of centroidOrder) {
    if (ranked.length >= inst.kMin) break;
    if (!ranked.includes(j)) ranked.push(j);
  }
  return Int32Array.from(ranked).sort();
}

/** `random`: k candidates drawn with the request's seed, so the same request draws the same. */
export function randomBaseline(m: number, k: number, seed: number): Int32Array {
  return Int32Array.from(sampleIndices(m, k, createRng(seed))).sort();
}

/** `centroid` takes the first k of this order: candidates by distance from the audience's weighted centre. */
export function centroidOrder(model: LatencyModel, users: readonly WeightedUser[], candidates: readonly string[]): number[] {
  return byDistanceFrom(model, candidates, sphericalCentroid(users));
}
