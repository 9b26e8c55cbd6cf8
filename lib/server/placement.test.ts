import { describe, expect, it } from "vitest";
import { listRegions } from "@/lib/catalogue";
import { describeError } from "@/lib/http/errors";
import { PlacementInputError } from "@/lib/placement";
import { createLatencyModel } from "@/lib/placement/latency";
import type { ConnectionView } from "@/lib/validation/connections";
import { placeAudience, type PlacementDeps } from "./placement";

const latency = createLatencyModel(listRegions());
const connected = (...regionKeys: string[]): PlacementDeps => ({ latency, connections: { list: async () => regionKeys.map((regionKey) => ({ regionKey }) as ConnectionView) } });
const seoul = { lat: 37.56, lon: 126.97 };

/** What the route or the action would answer for what placeAudience threw. */
async function answerFor(p: Promise<unknown>) {
  return describeError(await p.then(() => expect.fail("expected a refusal"), (e: unknown) => e));
}

describe("placeAudience with its dependencies passed in", () => {
  it("places over the connected regions it is given, not the server's", async () => {
    const r = await placeAudience(connected("aws-ap-northeast-2", "aws-us-east-1"), { users: [seoul], k: 1, objective: "mean", kMode: "exactly" });
    expect(r.regions).toEqual(["aws-ap-northeast-2"]);
    expect(r.specs["aws-ap-northeast-2"].specId).toBeTruthy();
  });

  it("refuses an unknown candidate with a typed input error that answers 400 naming the field", async () => {
    const d = await answerFor(placeAudience(connected(), { users: [seoul], k: 1, objective: "mean", kMode: "exactly", candidates: ["aws-nowhere-9"] }));
    expect(d.status).toBe(400);
    expect(d.body).toEqual({
      error: 'candidates.0: unknown region "aws-nowhere-9"; GET /api/v1/regions lists them',
      code: "InvalidInput",
      issues: [{ path: "candidates.0", message: 'unknown region "aws-nowhere-9"; GET /api/v1/regions lists them' }],
    });
  });

  it("answers 400 when the filters leave nothing or fewer regions than k", async () => {
    expect((await answerFor(placeAudience(connected(), { users: [seoul], k: 1, objective: "mean", kMode: "exactly" }))).body.error).toMatch(/^candidates: no region is left/);
    const k = await answerFor(placeAudience(connected("aws-us-east-1"), { users: [seoul], k: 3, objective: "mean", kMode: "exactly" }));
    expect(k.status).toBe(400);
    expect(k.body.error).toBe("k: 3 regions asked but only 1 candidate(s) remain after the filters");
  });
});

describe("the engine's input errors", () => {
  it("answer 400 with the field, not 500, wherever they are thrown from", () => {
    const d = describeError(new PlacementInputError("points[2].lat", "latitude must be a number in −90..90, got 91"));
    expect(d.status).toBe(400);
    expect(d.body.error).toBe("points.2.lat: latitude must be a number in −90..90, got 91");
    expect(d.body.issues).toEqual([{ path: "points.2.lat", message: "latitude must be a number in −90..90, got 91" }]);
  });
});
