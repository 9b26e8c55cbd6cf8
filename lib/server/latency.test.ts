import { describe, expect, it } from "vitest";
import { listRegions } from "@/lib/catalogue";
import { NotFoundError } from "@/lib/core/errors";
import { describeError } from "@/lib/http/errors";
import { createLatencyModel } from "@/lib/placement/latency";
import { latencyBetween } from "./latency";

const model = createLatencyModel(listRegions());
const paris = { kind: "point" as const, lat: 48.85, lon: 2.35 };
const seoul = { kind: "point" as const, lat: 37.56, lon: 126.97 };
const virginia = { kind: "region" as const, key: "aws-us-east-1" };

describe("latencyBetween", () => {
  it("asks the model for every pair of ends, point to point included", () => {
    expect(latencyBetween(model, paris, seoul)).toEqual({ from: "48.85,2.35", to: "37.56,126.97", ...model.betweenPoints(paris, seoul) });
    expect(latencyBetween(model, seoul, virginia)).toEqual({ from: "37.56,126.97", to: "aws-us-east-1", ...model.fromPoint(seoul, "aws-us-east-1") });
    expect(latencyBetween(model, virginia, seoul).rttMs).toBe(latencyBetween(model, seoul, virginia).rttMs);
  });

  it("refuses an unknown region with NotFoundError, which answers 404", () => {
    let thrown: unknown;
    try {
      latencyBetween(model, { kind: "region", key: "aws-nowhere-9" }, virginia);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(NotFoundError);
    expect(describeError(thrown)).toMatchObject({ status: 404, body: { error: 'unknown region "aws-nowhere-9"; GET /api/v1/regions lists the region keys', code: "NotFound" } });
  });
});
