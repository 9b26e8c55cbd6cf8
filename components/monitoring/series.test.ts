import { describe, expect, it } from "vitest";
import { formatMetric, formatTick } from "./metric-meta";
import { gapFor, latestValues, nearest, timeTicks, typicalSpacing, withGaps } from "./series";

describe("chart series", () => {
  it("break the line where the points are further apart than the gap", () => {
    expect(withGaps([[0, 1], [10, 2], [50, 3], [60, 4]], 25)).toEqual([
      { t: 0, v: 1 },
      { t: 10, v: 2 },
      { t: 11, v: null },
      { t: 50, v: 3 },
      { t: 60, v: 4 },
    ]);
    // A point alone between two gaps (or at an end) is marked, so the chart can draw it as a dot.
    expect(withGaps([[0, 1], [50, 2], [60, 3], [100, 4]], 25)).toEqual([
      { t: 0, v: 1, lone: true },
      { t: 1, v: null },
      { t: 50, v: 2 },
      { t: 60, v: 3 },
      { t: 61, v: null },
      { t: 100, v: 4, lone: true },
    ]);
    expect(withGaps([], 10)).toEqual([]);
  });

  it("measure a series' own pace by the median spacing", () => {
    expect(typicalSpacing([[0, 1], [60, 1], [120, 1], [1000, 1], [1060, 1]])).toBe(60);
    expect(typicalSpacing([[0, 1]])).toBe(0);
  });

  it("allow wider gaps when LTTB thinned the points", () => {
    expect(gapFor(10, 3_600_000, 1000)).toBe(25_000);
    // 1,440 one-minute buckets squeezed into 480 points: neighbours are three minutes apart.
    expect(gapFor(60, 86_400_000, 480)).toBe(450_000);
  });

  it("take each VM's last value and skip series without points", () => {
    const latest = latestValues([
      { vm: "a", points: [[0, 5], [10, 7]] },
      { vm: "b", points: [] },
      { points: [[0, 1]] },
    ]);
    expect([...latest]).toEqual([["a", 7]]);
  });
});

describe("metric formats", () => {
  it("print percentages and scaled rates", () => {
    expect(formatMetric("%", 37.456)).toBe("37 %");
    expect(formatMetric("%", 3.14)).toBe("3.1 %");
    expect(formatMetric("B/s", 1_234_000)).toBe("1.23 MB/s");
    expect(formatMetric("KB/s", 830)).toBe("830 KB/s");
    expect(formatMetric("KB/s", 12_500)).toBe("12.5 MB/s");
    expect(formatTick("%", 40.2)).toBe("40%");
    expect(formatTick("B/s", 1_200_000)).toBe("1.2M");
    expect(formatTick("KB/s", 900)).toBe("900k");
  });
});

describe("chart hover and axis", () => {
  const pts: [number, number][] = [[0, 1], [10, 2], [20, 3], [40, 4]];
  it("find the nearest point within reach", () => {
    expect(nearest(pts, 12, 5)).toEqual([10, 2]);
    expect(nearest(pts, 16, 5)).toEqual([20, 3]);
    expect(nearest(pts, 31, 5)).toBeNull();
    expect(nearest(pts, 100, 60)).toEqual([40, 4]);
    expect(nearest([], 1, 1)).toBeNull();
  });

  it("put five to eight ticks on round times", () => {
    const from = Date.UTC(2026, 10, 27, 10, 7);
    const hour = timeTicks(from, from + 3_600_000);
    expect(hour.length).toBeGreaterThanOrEqual(5);
    expect(hour.length).toBeLessThanOrEqual(8);
    expect(hour[0]).toBe(Date.UTC(2026, 10, 27, 10, 10));
    expect(hour.every((t) => t % 600_000 === 0)).toBe(true);
    const week = timeTicks(from, from + 7 * 86_400_000);
    expect(week.every((t) => t % 86_400_000 === 0)).toBe(true);
    expect(week).toHaveLength(7);
  });
});
