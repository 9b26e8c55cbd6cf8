import { describe, expect, it } from "vitest";
import {
  ACCESS_RTT_MS,
  FLOOR_MS_PER_KM,
  INTERCEPT_MS,
  INTRA_REGION_RTT_MS,
  MS_PER_KM,
  createLatencyModel,
  estimateRttMs,
  greatCircleKm,
  type LatencyRegion,
} from "./index";
import fit from "./fit.json";
import measured from "./measured.json";
import fixture from "./fixtures/regions.json";

// Coordinates come from the fixture the build script wrote, not from lib/catalogue, so these
// tests do not depend on another part of the tree being finished.
const regions: LatencyRegion[] = fixture.map(({ key, latitude, longitude }) => ({ key, latitude, longitude }));
const model = createLatencyModel(regions);
const coords = new Map(regions.map((r) => [r.key, { lat: r.latitude, lon: r.longitude }]));

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return (s[Math.floor(h)] + s[Math.ceil(h)]) / 2;
}

describe("greatCircleKm", () => {
  it("matches known distances", () => {
    // One degree along the equator is 6371·π/180 = 111.19 km; pole to equator a quarter circle.
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111.195, 3);
    expect(greatCircleKm({ lat: 90, lon: 0 }, { lat: 0, lon: 123 })).toBeCloseTo(10007.54, 2);
    // Seoul ↔ Tokyo, ~1,150 km; London ↔ New York, ~5,570 km.
    expect(greatCircleKm({ lat: 37.57, lon: 126.98 }, { lat: 35.68, lon: 139.69 })).toBeGreaterThan(1140);
    expect(greatCircleKm({ lat: 37.57, lon: 126.98 }, { lat: 35.68, lon: 139.69 })).toBeLessThan(1165);
    expect(greatCircleKm({ lat: 51.51, lon: -0.13 }, { lat: 40.71, lon: -74.01 })).toBeCloseTo(5570, -1);
  });

  it("is short across the antimeridian", () => {
    const km = greatCircleKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 });
    expect(km).toBeCloseTo(111.2, 0);
  });

  it("handles antipodes and identical points", () => {
    expect(greatCircleKm({ lat: 10, lon: 20 }, { lat: -10, lon: -160 })).toBeCloseTo(Math.PI * 6371, 3);
    expect(greatCircleKm({ lat: 10, lon: 20 }, { lat: 10, lon: 20 })).toBe(0);
  });
});

describe("estimateRttMs", () => {
  it("uses the fitted coefficients", () => {
    expect(INTERCEPT_MS).toBe(fit.interceptMs);
    expect(MS_PER_KM).toBe(fit.msPerKm);
    expect(estimateRttMs(1000)).toBeCloseTo(fit.interceptMs + fit.msPerKm * 1000, 9);
  });

  it("never beats light in fibre and grows with distance", () => {
    expect(MS_PER_KM).toBeGreaterThanOrEqual(FLOOR_MS_PER_KM);
    expect(FLOOR_MS_PER_KM).toBe(0.01);
    let previous = -Infinity;
    for (let km = 0; km <= 20_100; km += 50) {
      const ms = estimateRttMs(km);
      expect(ms).toBeGreaterThanOrEqual(0.01 * km);
      expect(ms).toBeGreaterThan(previous);
      previous = ms;
    }
  });

  it("rejects negative or NaN distances", () => {
    expect(() => estimateRttMs(-1)).toThrow(RangeError);
    expect(() => estimateRttMs(Number.NaN)).toThrow(RangeError);
  });
});

describe("between", () => {
  it("returns measured pairs with the file's values, averaged over both directions", () => {
    // cloudlatencymap.csv: ap-northeast-2 → ap-northeast-1 34.243, the reverse 34.223.
    const seoulTokyo = model.between("aws-ap-northeast-2", "aws-ap-northeast-1");
    expect(seoulTokyo.source).toBe("measured");
    expect(seoulTokyo.rttMs).toBeCloseTo((34.24 + 34.22) / 2, 6);
    // us-east-1 ↔ eu-west-1: 65.422 and 65.427.
    const atlantic = model.between("aws-us-east-1", "aws-eu-west-1");
    expect(atlantic).toEqual({ rttMs: (65.42 + 65.43) / 2, source: "measured" });
    // The most asymmetric pair of the file: 26.500 one way, 48.036 back.
    expect(model.between("gcp-us-central1", "azure-centralus").rttMs).toBeCloseTo((26.5 + 48.04) / 2, 6);
  });

  it("uses the single measured direction when the other row is empty", () => {
    // tencent-ap-beijing's source row is empty; aws-ap-northeast-2 → beijing was 156.655 ms.
    const r = model.between("tencent-ap-beijing", "aws-ap-northeast-2");
    expect(r).toEqual({ rttMs: 156.66, source: "measured" });
    expect(model.between("aws-ap-northeast-2", "tencent-ap-beijing")).toEqual(r);
  });

  it("estimates unmeasured pairs, never below the physical floor", () => {
    const pairs: Array<[string, string]> = [
      ["ncp-KR", "aws-ap-northeast-2"],
      ["ncp-KR", "aws-us-east-1"],
      ["nhn-JP1", "azure-brazilsouth"],
      // Both source rows are empty in the 2022 matrix, so neither direction was measured.
      ["alibaba-cn-chengdu", "tencent-ap-beijing"],
    ];
    for (const [a, b] of pairs) {
      const r = model.between(a, b);
      const km = greatCircleKm(coords.get(a)!, coords.get(b)!);
      expect(r.source).toBe("estimated");
      expect(r.rttMs).toBeGreaterThanOrEqual(FLOOR_MS_PER_KM * km);
      expect(r.rttMs).toBeCloseTo(estimateRttMs(km), 9);
    }
  });

  it("is symmetric for every pair", () => {
    for (const a of model.keys) {
      for (const b of model.keys) {
        expect(model.between(a, b)).toEqual(model.between(b, a));
      }
    }
  });

  it("returns the measured diagonal, or the intra-region value marked estimated", () => {
    expect(model.between("aws-ap-northeast-2", "aws-ap-northeast-2")).toEqual({ rttMs: 0.19, source: "measured" });
    // gcp-europe-west2's row is empty in the file, so its own cell too.
    expect(model.between("gcp-europe-west2", "gcp-europe-west2")).toEqual({ rttMs: INTRA_REGION_RTT_MS, source: "estimated" });
    expect(model.between("ncp-KR", "ncp-KR")).toEqual({ rttMs: INTRA_REGION_RTT_MS, source: "estimated" });
    expect(INTRA_REGION_RTT_MS).toBeGreaterThan(0);
    expect(INTRA_REGION_RTT_MS).toBeLessThan(1);
  });

  it("estimates antimeridian pairs as short", () => {
    const m = createLatencyModel(
      [
        { key: "x-east", latitude: -17, longitude: 179.5 },
        { key: "x-west", latitude: -17, longitude: -179.5 },
        { key: "x-far", latitude: -17, longitude: 0 },
      ],
      { keys: [], rttMs: [] },
    );
    const near = m.between("x-east", "x-west");
    expect(near.source).toBe("estimated");
    expect(near.rttMs).toBeLessThan(INTERCEPT_MS + MS_PER_KM * 120);
    expect(m.between("x-east", "x-far").rttMs).toBeGreaterThan(near.rttMs * 10);
    expect(m.nearest("x-east")[0].key).toBe("x-west");
  });

  it("ignores measured rows of regions it has no coordinates for", () => {
    const m = createLatencyModel(regions.filter((r) => r.key !== "aws-ap-northeast-1"));
    expect(m.has("aws-ap-northeast-1")).toBe(false);
    expect(() => m.between("aws-ap-northeast-2", "aws-ap-northeast-1")).toThrow(RangeError);
    expect(m.between("aws-ap-northeast-2", "aws-us-east-1").source).toBe("measured");
  });
});

describe("fromPoint", () => {
  it("is about the access term when the user stands on the region", () => {
    const seoul = coords.get("aws-ap-northeast-2")!;
    const r = model.fromPoint(seoul, "aws-ap-northeast-2");
    expect(r.source).toBe("estimated");
    // Zero km: access term plus the fitted fixed part of a path, nothing for distance.
    expect(r.rttMs).toBeCloseTo(ACCESS_RTT_MS + INTERCEPT_MS, 9);
    expect(r.rttMs).toBeLessThan(ACCESS_RTT_MS + 5);
    expect(model.fromPointMs(seoul, "aws-ap-northeast-2")).toBe(r.rttMs);
  });

  it("adds the access term to the distance model and grows with distance", () => {
    const user = { lat: 48.85, lon: 2.35 }; // Paris
    const frankfurt = model.fromPoint(user, "aws-eu-central-1").rttMs;
    const virginia = model.fromPoint(user, "aws-us-east-1").rttMs;
    const sydney = model.fromPoint(user, "aws-ap-southeast-2").rttMs;
    expect(frankfurt).toBeLessThan(virginia);
    expect(virginia).toBeLessThan(sydney);
    const km = greatCircleKm(user, coords.get("aws-us-east-1")!);
    expect(virginia).toBeCloseTo(ACCESS_RTT_MS + estimateRttMs(km), 9);
    expect(virginia).toBeGreaterThanOrEqual(ACCESS_RTT_MS + FLOOR_MS_PER_KM * km);
  });

  it("works across the antimeridian", () => {
    const m = createLatencyModel([{ key: "fiji", latitude: -18, longitude: 179.9 }], { keys: [], rttMs: [] });
    expect(m.fromPointMs({ lat: -18, lon: -179.9 }, "fiji")).toBeLessThan(ACCESS_RTT_MS + INTERCEPT_MS + 1);
  });
});

describe("betweenPoints", () => {
  it("charges both ends the access term over the distance model, the same either way", () => {
    const paris = { lat: 48.85, lon: 2.35 };
    const seoul = { lat: 37.56, lon: 126.97 };
    const r = model.betweenPoints(paris, seoul);
    expect(r.source).toBe("estimated");
    expect(r.rttMs).toBeCloseTo(2 * ACCESS_RTT_MS + estimateRttMs(greatCircleKm(paris, seoul)), 9);
    expect(model.betweenPoints(seoul, paris)).toEqual(r);
  });

  it("costs a user more to reach another user than to reach a region on the same spot", () => {
    const seoul = coords.get("aws-ap-northeast-2")!;
    const paris = { lat: 48.85, lon: 2.35 };
    expect(model.betweenPoints(paris, seoul).rttMs).toBeCloseTo(model.fromPointMs(paris, "aws-ap-northeast-2") + ACCESS_RTT_MS, 9);
    expect(model.betweenPoints(seoul, seoul).rttMs).toBeCloseTo(2 * ACCESS_RTT_MS + INTERCEPT_MS, 9);
  });
});

describe("fromPointToAll", () => {
  it("matches fromPointMs for every region, in key order, into a reused buffer", () => {
    const buffer = new Float64Array(model.keys.length);
    const user = { lat: 1.29, lon: 103.85 }; // Singapore
    expect(model.fromPointToAll(user, buffer)).toBe(buffer);
    model.keys.forEach((key, j) => expect(buffer[j]).toBeCloseTo(model.fromPointMs(user, key), 9));
    expect(model.fromPointToAll(user)).toEqual(buffer);
    expect(() => model.fromPointToAll(user, new Float64Array(3))).toThrow(RangeError);
  });
});

describe("nearest", () => {
  it("lists every other region sorted by RTT, excluding the origin", () => {
    const list = model.nearest("aws-ap-northeast-2");
    expect(list).toHaveLength(regions.length - 1);
    expect(list.some((r) => r.key === "aws-ap-northeast-2")).toBe(false);
    for (let i = 1; i < list.length; i++) expect(list[i].rttMs).toBeGreaterThanOrEqual(list[i - 1].rttMs);
    for (const r of list.slice(0, 20)) expect(r).toEqual({ key: r.key, ...model.between("aws-ap-northeast-2", r.key) });
  });

  it("honours the limit and breaks ties by key", () => {
    const m = createLatencyModel(
      [
        { key: "p-origin", latitude: 10, longitude: 10 },
        { key: "p-b", latitude: 12, longitude: 10 },
        { key: "p-a", latitude: 12, longitude: 10 },
        { key: "p-c", latitude: 30, longitude: 10 },
      ],
      { keys: [], rttMs: [] },
    );
    expect(m.nearest("p-origin").map((r) => r.key)).toEqual(["p-a", "p-b", "p-c"]);
    expect(m.nearest("p-origin", 1).map((r) => r.key)).toEqual(["p-a"]);
    expect(m.nearest("p-origin", 0)).toEqual([]);
    expect(() => m.nearest("p-origin", -1)).toThrow(RangeError);
  });
});

describe("unknown keys and bad input", () => {
  it("throws RangeError for keys the model does not know", () => {
    expect(model.has("aws-ap-northeast-2")).toBe(true);
    expect(model.has("nowhere-1")).toBe(false);
    expect(() => model.between("nowhere-1", "aws-ap-northeast-2")).toThrow(RangeError);
    expect(() => model.between("aws-ap-northeast-2", "nowhere-1")).toThrow(RangeError);
    expect(() => model.fromPoint({ lat: 0, lon: 0 }, "nowhere-1")).toThrow(RangeError);
    expect(() => model.nearest("nowhere-1")).toThrow(RangeError);
  });

  it("rejects duplicate keys, bad coordinates and a malformed matrix", () => {
    const r = { key: "d-1", latitude: 0, longitude: 0 };
    expect(() => createLatencyModel([r, r])).toThrow(RangeError);
    expect(() => createLatencyModel([{ ...r, latitude: 91 }])).toThrow(RangeError);
    expect(() => createLatencyModel([r], { keys: ["d-1"], rttMs: [] })).toThrow(RangeError);
  });
});

describe("fit.json", () => {
  // Recomputes the recorded error figures from the shipped data and the shipped model, so a
  // change to either that is not followed by a rerun of the build script fails here.
  const keys = measured.keys;
  const observed: number[] = [];
  const estimated: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const ab = measured.rttMs[i][j];
      const ba = measured.rttMs[j][i];
      const y = ab !== null && ba !== null ? (ab + ba) / 2 : (ab ?? ba);
      if (y === null) continue;
      observed.push(y);
      estimated.push(estimateRttMs(greatCircleKm(coords.get(keys[i])!, coords.get(keys[j])!)));
    }
  }

  it("covers the 110 measured regions and every pair with a value", () => {
    expect(keys).toHaveLength(110);
    expect(keys.every((k) => model.has(k))).toBe(true);
    expect(observed.length).toBe(fit.error.n);
    expect(fit.error.n).toBe(110 * 109 / 2 - 55); // 55 pairs have neither direction
  });

  it("records the median errors the model actually makes", () => {
    const abs = observed.map((y, i) => Math.abs(estimated[i] - y));
    expect(median(abs)).toBeCloseTo(fit.error.medianAbsErrorMs, 2);
    expect(median(observed.map((y, i) => Math.abs(estimated[i] - y) / y))).toBeCloseTo(fit.error.medianRelError, 4);
  });

  it("is the relative-error L1 optimum: weights 1/y balance above and below the line", () => {
    // At the optimum of Σ|e|/y over the intercept, the 1/y weights of the points above and below
    // the line are equal (to within the weight of the point the line passes through).
    let above = 0;
    let below = 0;
    observed.forEach((y, i) => {
      if (y > estimated[i] + 1e-9) above += 1 / y;
      else if (y < estimated[i] - 1e-9) below += 1 / y;
    });
    expect(Math.abs(above - below) / (above + below)).toBeLessThan(0.01);
  });

  it("beats the recorded alternatives on what it optimises", () => {
    expect(fit.error.medianRelError).toBeLessThan(fit.leastAbsoluteDeviations.medianRelError);
    expect(fit.error.medianRelError).toBeLessThan(fit.ordinaryLeastSquares.medianRelError);
  });
});
