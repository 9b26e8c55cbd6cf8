import type { RegionKey } from "@/lib/core/types";
import type { Deadline } from "./deadline";
import type { PointSet } from "./group-users";
import type { Instance } from "./instance";
import { ACCESS_RTT_MS, EARTH_RADIUS_KM, FLOOR_MS_PER_KM, INTERCEPT_MS, MS_PER_KM, type LatencyModel } from "./latency";
import type { WeightedUser } from "./validate-input";

/**
 * A lower bound on the mean objective for the users themselves when they were solved as cells.
 *
 * Subtracting the cells' mean error from the cells' bound is valid but loose: it assumes every
 * user sits on the wrong side of its cell (~0.3–0.6% of the objective on world audiences).
 * Instead the cells' Lagrange multipliers are handed down: user u in cell c gets λ_u = v_u·θ_c,
 * with θ_c = λ_c / w_c the cell's multiplier per unit of weight and v_u the user's share of the
 * weight. For ANY λ,
 *   L(λ) = Σ_u λ_u + min over admissible S of Σ_{r∈S} (fixed_r + Σ_u min(0, v_u·(RTT(u, r) − θ_u)))
 * bounds the users' optimum from below (Lagrangian relaxation of the users' own problem).
 *
 * The inner sums are bounded per cell and region without visiting users where possible:
 * - RTT(c, r) − e_c ≥ θ_c (e_c: the cell's largest user error): every user's term is 0;
 * - RTT(c, r) + e_c < θ_c: every term is negative, and their sum is at least the cell's weight
 *   times (access + a + b·D) − θ_c, where D is the great-circle distance from r to the
 *   weighted mean of the users' unit vectors. That is Jensen's inequality: the model's user RTT
 *   is access + a + b·km, and km = 2R·asin(|x − r|/2) is convex in the 3-D point x;
 * - otherwise (r's RTT is within e_c of θ_c) each user's RTT to r is computed by the model.
 * On world audiences this is within ~0.01% of the cells' own bound, for a few milliseconds.
 * Returns −Infinity if the deadline passes first.
 */
export function meanUserBound(
  model: LatencyModel,
  users: readonly WeightedUser[],
  points: PointSet,
  inst: Instance,
  candidates: readonly RegionKey[],
  lambda: Float64Array,
  deadline: Deadline,
): number {
  const { n, m, rtt, fixed, kMin, kMax, weight } = inst;
  // Jensen's step needs the RTT to be affine in km, which the fitted model is whenever its
  // intercept is non-negative and its slope not below the fibre floor.
  const affine = INTERCEPT_MS >= 0 && MS_PER_KM >= FLOOR_MS_PER_KM;
  const base = ACCESS_RTT_MS + INTERCEPT_MS;
  const rho = Float64Array.from(fixed);
  const straddling: number[][] = Array.from({ length: n }, () => []);
  let sumLambda = 0;
  for (let c = 0; c < n; c++) {
    const th = lambda[c] / weight[c];
    if (!(th > 0)) continue;
    sumLambda += lambda[c];
    const e = points.pointErrorMs[c];
    const len = points.meanVectorLength[c];
    for (let r = 0; r < m; r++) {
      const ms = rtt[c * m + r];
      if (ms - e >= th) continue;
      if (affine && ms + e < th) {
        const km = Math.max(0, (ms - base) / MS_PER_KM);
        const chord = Math.sqrt(Math.max(0, len * len + 1 - 2 * len * Math.cos(km / EARTH_RADIUS_KM)));
        const meanKm = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, chord / 2));
        rho[r] += weight[c] * (base + MS_PER_KM * meanKm - th);
      } else straddling[c].push(r);
    }
  }
  let total = 0;
  for (const u of users) total += u.weight;
  for (let i = 0; i < users.length; i++) {
    if ((i & 1023) === 0 && deadline.expired()) {
      deadline.hit();
      return -Infinity;
    }
    const c = points.userPoint[i];
    const list = straddling[c];
    if (list.length === 0) continue;
    const th = lambda[c] / weight[c];
    const v = users[i].weight / total;
    for (const r of list) {
      const ms = model.fromPointMs(users[i], candidates[r]);
      if (ms < th) rho[r] += v * (ms - th);
    }
  }
  const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => rho[a] - rho[b] || a - b);
  let bound = sumLambda;
  let count = 0;
  for (const j of order) {
    if (count >= kMax || (count >= kMin && rho[j] >= 0)) break;
    bound += rho[j];
    count++;
  }
  return bound;
}
