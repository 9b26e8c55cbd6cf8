import { describe, expect, it } from "vitest";
import { addSample, aggregate, alignDown, bucketize, bucketOf, chooseLevel, combineSeries, finalize, foldRows, mergeBuckets, preferFirst, type Point } from "./rollup";

describe("rollup math", () => {
  it("aligns buckets to multiples of the step since the epoch", () => {
    expect(alignDown(125_000, 60_000)).toBe(120_000);
    expect(alignDown(120_000, 60_000)).toBe(120_000);
    expect(alignDown(1_764_000_059_999, 60_000)).toBe(1_764_000_000_000);
    expect(alignDown(7_000, 10_000)).toBe(0);
  });

  it("aggregates samples per bucket, stamped with the bucket start", () => {
    const samples: Point[] = [
      [0, 10],
      [10_000, 20],
      [50_000, 60],
      [60_000, 5],
      [70_000, 7],
    ];
    expect(aggregate(samples, 60_000, "avg")).toEqual([
      [0, 30],
      [60_000, 6],
    ]);
    expect(aggregate(samples, 60_000, "max")).toEqual([
      [0, 60],
      [60_000, 7],
    ]);
    expect(aggregate(samples, 60_000, "min")).toEqual([
      [0, 10],
      [60_000, 5],
    ]);
    expect(aggregate(samples, 60_000, "last")).toEqual([
      [0, 60],
      [60_000, 7],
    ]);
    // At the raw step every sample is its own bucket.
    expect(aggregate(samples, 10_000, "avg")).toEqual(samples);
  });

  it("takes the last value by time, not by arrival", () => {
    const b = addSample(addSample(bucketOf(30, 3), 10, 1), 20, 2);
    expect(finalize(b, "last")).toBe(3);
    expect(b.count).toBe(3);
  });

  it("merges buckets exactly: minutes rolled into an hour equal the hour computed from samples", () => {
    const samples: Point[] = Array.from({ length: 360 }, (_, i) => [i * 10_000, Math.round(50 + 40 * Math.sin(i / 7) * 100) / 100]);
    const minutes = bucketize(samples, 60_000).map(([, b]) => b);
    const merged = minutes.reduce(mergeBuckets);
    const [[, hour]] = bucketize(samples, 3_600_000);
    expect(merged.count).toBe(360);
    expect(merged.min).toBe(hour.min);
    expect(merged.max).toBe(hour.max);
    expect(merged.last).toBe(hour.last);
    expect(merged.sum).toBeCloseTo(hour.sum, 9);
    // The average is weighted by samples, not by minutes.
    const uneven = mergeBuckets(bucketOf(0, 10), addSample(addSample(bucketOf(60_000, 40), 70_000, 40), 80_000, 40));
    expect(finalize(uneven, "avg")).toBe(32.5);
  });

  it("folds rows read in time order into the same buckets, from samples or from rollup rows", () => {
    const samples: Point[] = Array.from({ length: 500 }, (_, i) => [i * 7_000 + (i % 3) * 1_000, Math.round(Math.cos(i / 5) * 1000) / 10]);
    for (const agg of ["avg", "max", "min", "last"] as const) {
      const fromSamples = foldRows(samples.map(([ts, v]) => (agg === "avg" ? [ts, v, 1] : [ts, v])), 300_000, agg);
      const want = aggregate(samples, 300_000, agg);
      expect(fromSamples.map((p) => p[0])).toEqual(want.map((p) => p[0]));
      fromSamples.forEach(([, v], i) => expect(v).toBeCloseTo(want[i][1], 9));
      // The same through one-minute rollup rows: [ts, sum, count] for avg, the bucket's own figure otherwise.
      const minutes = bucketize(samples, 60_000).map(([ts, b]) => (agg === "avg" ? [ts, b.sum, b.count] : [ts, agg === "max" ? b.max : agg === "min" ? b.min : b.last]));
      const fromMinutes = foldRows(minutes, 300_000, agg);
      fromMinutes.forEach(([ts, v], i) => {
        expect(ts).toBe(want[i][0]);
        expect(v).toBeCloseTo(want[i][1], 9);
      });
    }
    expect(foldRows([], 60_000, "avg")).toEqual([]);
  });

  it("reads the coarsest stored level that tiles the step", () => {
    expect(chooseLevel(10)).toBe("raw");
    expect(chooseLevel(30)).toBe("raw");
    expect(chooseLevel(90)).toBe("raw");
    expect(chooseLevel(60)).toBe(60);
    expect(chooseLevel(300)).toBe(60);
    expect(chooseLevel(5_400)).toBe(60);
    expect(chooseLevel(3_600)).toBe(3600);
    expect(chooseLevel(86_400)).toBe(3600);
  });

  it("prefers the first series bucket by bucket and fills gaps from the second", () => {
    expect(
      preferFirst(
        [
          [10, 1],
          [30, 3],
        ],
        [
          [0, 100],
          [10, 200],
          [20, 300],
          [40, 500],
        ],
      ),
    ).toEqual([
      [0, 100],
      [10, 1],
      [20, 300],
      [30, 3],
      [40, 500],
    ]);
  });

  it("combines VMs per bucket over the VMs that have a value there", () => {
    const a: Point[] = [
      [0, 10],
      [60, 20],
    ];
    const b: Point[] = [
      [0, 30],
      [120, 50],
    ];
    expect(combineSeries([a, b], "avg")).toEqual([
      [0, 20],
      [60, 20],
      [120, 50],
    ]);
    expect(combineSeries([a, b], "max")).toEqual([
      [0, 30],
      [60, 20],
      [120, 50],
    ]);
    expect(combineSeries([a, b], "sum")).toEqual([
      [0, 40],
      [60, 20],
      [120, 50],
    ]);
    expect(combineSeries([a, b], "min")[0]).toEqual([0, 10]);
  });
});
