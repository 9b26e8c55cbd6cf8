import { describe, expect, it } from "vitest";
import fixture from "./latency/fixtures/regions.json";
import { createDeadline } from "./deadline";
import { groupUsers } from "./group-users";
import { buildInstance } from "./instance";
import { createLatencyModel } from "./latency";
import { meanUserBound } from "./mean-user-bound";
import { createRng } from "@/lib/core/rng";
import { solveMean } from "./solve-mean";
import { subsetUserBound } from "./subset-user-bound";
import { bruteForce } from "./testing/brute-force";
import { validateInput } from "./validate-input";

// The public answer clamps its bound to its own score, which would hide a bound that is too
// high whenever the answer is optimal; these tests look at the raw bounds.
const model = createLatencyModel(fixture.map(({ key, latitude, longitude }) => ({ key, latitude, longitude })));
const candidates = ["aws-us-east-1", "aws-eu-central-1", "aws-ap-northeast-1", "aws-sa-east-1", "aws-ap-southeast-2", "aws-ap-south-1", "gcp-us-west1"];

function metros(count: number, seed: number) {
  const centres = [
    [37.5, 127],
    [48.9, 2.3],
    [40.7, -74],
    [-23.5, -46.6],
    [19.1, 72.9],
    [-33.9, 151.2],
  ];
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const [lat, lon] = centres[Math.floor(rng() * centres.length)];
    return { lat: lat + 2 * (rng() - 0.5), lon: lon + 2 * (rng() - 0.5), weight: 1 + Math.floor(rng() * 3) };
  });
}

describe("bounds carried from cells to users", () => {
  it.each([1, 2, 3])("mean: below the users' optimum and close to it (k = %i)", async (k) => {
    const users = metros(1500, 3 + k);
    const input = { users, k, objective: "mean" as const, candidates };
    const v = validateInput(model, input);
    const points = groupUsers(v.users, { maxPoints: 150 });
    expect(points.cells).not.toBeNull();
    const inst = buildInstance(model, points, v);
    const solution = await solveMean(inst, createDeadline(20_000), "heuristic");
    const bound = meanUserBound(model, v.users, points, inst, v.candidates, solution.lambda!, createDeadline(20_000));
    const truth = bruteForce(model, input).score;
    expect(bound).toBeLessThanOrEqual(truth + 1e-9);
    // Tighter than taking the cells' mean error off the cells' bound.
    expect(bound).toBeGreaterThan(solution.lowerBound - points.meanErrorMs);
    expect(bound).toBeGreaterThan(truth * 0.995);
  });

  it.each([
    ["conference", 1],
    ["conference", 2],
    ["conference", 3],
    ["max", 2],
    ["max", 3],
  ] as const)("%s: the representatives' optimum is below the users' (k = %i)", (objective, k) => {
    const users = metros(400, 10 + k);
    const input = { users, k, objective, candidates };
    const v = validateInput(model, input);
    const points = groupUsers(v.users, { maxPoints: 60 });
    expect(points.cells).not.toBeNull();
    const bound = subsetUserBound(model, v, points, buildInstance(model, points, v), createDeadline(20_000));
    const truth = bruteForce(model, input).score;
    expect(bound).toBeLessThanOrEqual(truth + 1e-9);
    expect(bound).toBeGreaterThan(truth * 0.97);
  });
});
