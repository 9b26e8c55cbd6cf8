import { describe, expect, it } from "vitest";
import regions from "./latency/fixtures/regions.json";
import { ACCESS_RTT_MS, createLatencyModel, estimateRttMs, greatCircleKm } from "./latency";
import { carelessRegions, compareQuality, participantQuality, type QualityServer } from "./quality";

const model = createLatencyModel(regions);
const seoul = { lat: 37.57, lon: 126.98, label: "Seoul" };
const london = { lat: 51.51, lon: -0.13, label: "London", weight: 3 };
const server = (region: string, extra: Partial<QualityServer> = {}): QualityServer => ({ id: `vm-${region}`, name: region, region, lat: 0, lon: 0, ...extra });

describe("participantQuality", () => {
  it("puts each participant on the nearest server and reports the model's RTT, estimated", () => {
    const side = participantQuality(model, [seoul, london], [server("aws-eu-west-2"), server("aws-ap-northeast-2")]);
    expect(side.participants.map((p) => [p.label, p.region])).toEqual([
      ["Seoul", "aws-ap-northeast-2"],
      ["London", "aws-eu-west-2"],
    ]);
    const seoulMs = model.fromPointMs(seoul, "aws-ap-northeast-2");
    const londonMs = model.fromPointMs(london, "aws-eu-west-2");
    expect(side.participants[0].rttMs).toBe(seoulMs);
    expect(side.participants[1].rttMs).toBe(londonMs);
    // London weighs 3.
    expect(side.meanMs).toBeCloseTo((seoulMs + 3 * londonMs) / 4, 9);
    expect(side.worstMs).toBe(Math.max(seoulMs, londonMs));
    expect(side.source).toBe("estimated");
  });

  it("reports a measured host's own figure, says so, and places a host the model does not know by its coordinates", () => {
    // A registered host in Berlin, measured at 42 ms from the Barista server.
    const host = server("ssh-lab", { lat: 52.52, lon: 13.4, measuredRttMs: 42 });
    const side = participantQuality(model, [london, seoul], [host, server("aws-ap-northeast-2")]);
    expect(side.participants[0]).toMatchObject({ region: "ssh-lab", rttMs: 42, source: "measured-from-server" });
    expect(side.participants[1].source).toBe("estimated");
    expect(side.source).toBe("mixed");
    // With only the host, Seoul is sent to Berlin too, and its choice used the distance line.
    const alone = participantQuality(model, [seoul], [{ ...host, measuredRttMs: undefined }]);
    expect(alone.participants[0].rttMs).toBeCloseTo(ACCESS_RTT_MS + estimateRttMs(greatCircleKm(seoul, { lat: 52.52, lon: 13.4 })), 9);
  });

  it("refuses an empty audience or no servers", () => {
    expect(() => participantQuality(model, [], [server("aws-eu-west-2")])).toThrow(/participants/);
    expect(() => participantQuality(model, [seoul], [])).toThrow(/servers/);
  });
});

describe("carelessRegions", () => {
  const candidates = regions.map((r) => r.key);

  it("is seeded: the same draw for the same seed, another for another seed", () => {
    const a = carelessRegions(candidates, 4, 7);
    expect(a).toHaveLength(4);
    expect(new Set(a).size).toBe(4);
    for (const k of a) expect(candidates).toContain(k);
    expect(carelessRegions([...candidates].reverse(), 4, 7)).toEqual(a);
    expect(carelessRegions(candidates, 4, 8)).not.toEqual(a);
  });

  it("draws no more regions than there are candidates", () => {
    expect(carelessRegions(["aws-us-east-1", "gcp-us-east1"], 5).sort()).toEqual(["aws-us-east-1", "gcp-us-east1"]);
    expect(() => carelessRegions([], 2)).toThrow(/no candidate/);
  });
});

describe("compareQuality", () => {
  const audience = [seoul, london, { lat: 40.71, lon: -74.01, label: "New York" }];

  it("gives the placed servers near every participant a far lower mean and worst than servers far away", () => {
    const placed = [server("aws-ap-northeast-2"), server("aws-eu-west-2"), server("aws-us-east-1")];
    const far = ["aws-sa-east-1", "aws-af-south-1", "aws-ap-southeast-2"];
    const c = compareQuality(model, audience, placed, far);
    expect(c.placed.worstMs).toBeLessThan(40);
    expect(c.careless.worstMs).toBeGreaterThan(100);
    expect(c.factor.mean).toBeCloseTo(c.careless.meanMs / c.placed.meanMs, 9);
    expect(c.factor.worst).toBeGreaterThan(2);
    expect(c.careless.source).toBe("estimated");
    expect(c.careless.servers.map((s) => s.region)).toEqual(far);
  });

  it("names an unknown careless region", () => {
    expect(() => compareQuality(model, audience, [server("aws-us-east-1")], ["nowhere-1"])).toThrow(/nowhere-1/);
  });
});
