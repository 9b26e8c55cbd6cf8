import type { Deadline } from "./deadline";
import { groupUsers, type PointSet } from "./group-users";
import { buildInstance, type Instance } from "./instance";
import type { LatencyModel } from "./latency";
import { affordableSample, farthestFirst, sampleOptimum } from "./sample-bound";
import type { ValidInput } from "./validate-input";

/**
 * A lower bound on the max or conference objective for the users when they were solved as cells.
 *
 * For the conference the cells' exact optimum does not carry over: a user near a cell's edge
 * may have a different nearest region than the cell's centre, and with it a different
 * relay-to-relay leg. But both objectives are maxima (over users, over pairs of users), and each
 * user's region depends on that user alone, so the optimum over any subset of the real users is
 * at most the optimum over all of them. The subset: one user per cell, the one furthest from the
 * centre (extremes make the long paths), all cells when an exhaustive search over them is cheap,
 * else as many cells as it can afford picked farthest-first. Returns −Infinity when fewer than 4
 * would fit, or if the deadline passes.
 */
export function subsetUserBound(model: LatencyModel, v: ValidInput, points: PointSet, inst: Instance, deadline: Deadline): number {
  const n = points.weight.length;
  const affordable = Math.min(affordableSample(inst), n);
  if (affordable < 4 && affordable < n) return -Infinity;
  const far = new Int32Array(n).fill(-1);
  v.users.forEach((_, i) => {
    const p = points.userPoint[i];
    if (far[p] < 0 || points.errorMs[i] > points.errorMs[far[p]]) far[p] = i;
  });
  // All cells when they are few, else the most spread-out ones, in farthest-first order so that
  // sampleOptimum's smaller samples are prefixes of its larger ones.
  const cells = affordable >= n ? Array.from({ length: n }, (_, p) => p) : farthestFirst(inst, 16);
  const sample = groupUsers(
    cells.map((p) => v.users[far[p]]),
    { maxPoints: Number.MAX_SAFE_INTEGER },
  );
  const users = buildInstance(model, sample, v);
  return sampleOptimum(users, deadline, affordable >= n ? [n] : [8, 16]);
}
