import { afterAll, describe, expect, it } from "vitest";
import { aggregate, type Point } from "@/lib/monitoring/rollup";
import { MetricStore, type SampleInput } from "./metrics";
import { tempDatabase } from "./testing";

const temp = tempDatabase();
const store = MetricStore.open(temp.url);
afterAll(async () => {
  await store.close();
  await temp.cleanup();
});

const T0 = Date.UTC(2026, 10, 20, 0, 0, 0);
const HOUR = 3_600_000;
const retention = { rawMs: 24 * HOUR, minuteMs: 7 * 24 * HOUR, hourMs: 365 * 24 * HOUR };

/** Two hours of 10-second samples with values that make every aggregate different. */
function knownSamples(vmId: string, metric = "cpu_utilization"): Point[] {
  return Array.from({ length: 720 }, (_, i) => [T0 + i * 10_000, Math.round((50 + 30 * Math.sin(i / 11) + (i % 7)) * 100) / 100] as Point);
}

const asInput = (vmId: string, metric: string, points: Point[]): SampleInput[] => points.map(([ts, value]) => ({ vmId, metric, ts, value }));
const q = (stepS: number, agg: "avg" | "max" | "min" | "last" = "avg", extra: Partial<{ fromMs: number; toMs: number; source: "auto" | "agent" | "cloud" }> = {}) => ({
  fromMs: T0,
  toMs: T0 + 2 * HOUR,
  stepMs: stepS * 1000,
  agg,
  source: "auto" as const,
  now: T0 + 3 * HOUR,
  ...extra,
});

describe("metric store: write and read back", () => {
  const points = knownSamples("vm-a");

  it("answers the stored values exactly at the raw step", async () => {
    expect(await store.write(asInput("vm-a", "cpu_utilization", points))).toBe(720);
    expect(await store.read("vm-a", "cpu_utilization", q(10))).toEqual(points);
  });

  it("answers avg, max, min and last at coarser steps as computed from the samples, from raw or from rollups", async () => {
    // Extra samples between the 10-second ones in some minutes: buckets of unequal counts, so a
    // rollup that averaged averages instead of weighing samples would show.
    const uneven = [...points, ...points.filter((_, i) => i % 13 === 0 || (i > 400 && i < 430)).map(([ts, v]): Point => [ts + 5_000, v * 3 + 1])].sort((x, y) => x[0] - y[0]);
    await store.write(asInput("vm-u", "cpu_utilization", uneven));
    for (const step of [10, 30, 60, 300, 3600, 7200]) {
      for (const agg of ["avg", "max", "min", "last"] as const) {
        const got = await store.read("vm-u", "cpu_utilization", q(step, agg));
        const want = aggregate(uneven, step * 1000, agg);
        expect(got.map((p) => p[0]), `${agg} at ${step} s`).toEqual(want.map((p) => p[0]));
        got.forEach(([, v], i) => expect(v, `${agg} at ${step} s, bucket ${i}`).toBeCloseTo(want[i][1], 9));
      }
    }
    // A step of 60 reads 120 one-minute rollups, 3600 reads two one-hour rollups: few rows.
    expect((await store.read("vm-a", "cpu_utilization", q(3600, "max"))).length).toBe(2);
  });

  it("aligns buckets to the epoch and includes the whole bucket holding `from`", async () => {
    const got = await store.read("vm-a", "cpu_utilization", q(60, "avg", { fromMs: T0 + 60_000, toMs: T0 + 3 * 60_000 }));
    expect(got.map((p) => p[0])).toEqual([T0 + 60_000, T0 + 120_000]);
  });

  it("replaces a sample written again for the same time, in raw and in every rollup", async () => {
    const [ts] = points[5];
    await store.write([{ vmId: "vm-a", metric: "cpu_utilization", ts, value: 1000 }]);
    const raw = await store.read("vm-a", "cpu_utilization", q(10, "avg", { fromMs: ts, toMs: ts + 10_000 }));
    expect(raw).toEqual([[ts, 1000]]);
    const patched = points.map((p, i): Point => (i === 5 ? [p[0], 1000] : p));
    expect((await store.read("vm-a", "cpu_utilization", q(60, "max")))[0][1]).toBe(1000);
    expect((await store.read("vm-a", "cpu_utilization", q(3600, "avg")))[0][1]).toBeCloseTo(aggregate(patched, HOUR, "avg")[0][1], 9);
    // Put it back for the other tests.
    await store.write([{ vmId: "vm-a", metric: "cpu_utilization", ts, value: points[5][1] }]);
  });

  it("keeps metrics and VMs apart", async () => {
    await store.write([{ vmId: "vm-b", metric: "cpu_utilization", ts: T0, value: 1 }]);
    await store.write([{ vmId: "vm-a", metric: "mem_utilization", ts: T0, value: 2 }]);
    expect(await store.read("vm-b", "cpu_utilization", q(10))).toEqual([[T0, 1]]);
    expect(await store.read("vm-a", "mem_utilization", q(3600))).toEqual([[T0, 2]]);
    expect(await store.read("vm-nobody", "cpu_utilization", q(10))).toEqual([]);
  });
});

describe("metric store: agent and cloud samples", () => {
  it("lets the agent's samples win bucket by bucket, never overwritten by the cloud's", async () => {
    await store.writeCollected([{ vmId: "vm-c", until: T0 + 60_000, samples: [0, 1, 2, 3, 4, 5].map((i) => ({ metric: "cpu_utilization", ts: T0 + i * 10_000, value: 10 })) }]);
    await store.write([{ vmId: "vm-c", metric: "cpu_utilization", ts: T0 + 20_000, value: 99 }]);
    // A later pull of the same window changes nothing.
    await store.writeCollected([{ vmId: "vm-c", until: T0 + 60_000, samples: [{ metric: "cpu_utilization", ts: T0 + 20_000, value: 11 }] }]);
    const raw = await store.read("vm-c", "cpu_utilization", q(10, "avg", { toMs: T0 + 60_000 }));
    expect(raw).toEqual([
      [T0, 10],
      [T0 + 10_000, 10],
      [T0 + 20_000, 99],
      [T0 + 30_000, 10],
      [T0 + 40_000, 10],
      [T0 + 50_000, 10],
    ]);
    // In a coarser bucket holding agent samples, only those count.
    expect(await store.read("vm-c", "cpu_utilization", q(60, "avg", { toMs: T0 + 60_000 }))).toEqual([[T0, 99]]);
    expect(await store.read("vm-c", "cpu_utilization", q(60, "avg", { toMs: T0 + 60_000, source: "cloud" }))).toEqual([[T0, 10]]);
    expect(await store.windowValue("vm-c", "cpu_utilization", T0, T0 + 60_000, "max")).toBe(99);
    expect((await store.cursors()).get("vm-c")).toBe(T0 + 60_000);
  });

  it("keeps cursors and series across a reopen, as after a restart", async () => {
    const again = MetricStore.open(temp.url);
    expect((await again.cursors()).get("vm-c")).toBe(T0 + 60_000);
    expect(await again.read("vm-a", "cpu_utilization", q(10))).toHaveLength(720);
    await again.close();
  });
});

describe("metric store: retention", () => {
  it("sweeps what is past retention, keeps the rollups, and merges a late sample into a swept minute", async () => {
    const t = Date.UTC(2026, 10, 1, 12, 0, 0);
    const s = MetricStore.open(temp.url);
    await s.write(asInput("vm-r", "cpu_utilization", [0, 1, 2, 3, 4, 5].map((i): Point => [t + i * 10_000, 10 * (i + 1)])));
    const now = t + 2 * 24 * HOUR; // two days later: raw is past its day
    await s.sweep(now, retention); // the first sweep spares what it has not seen before
    expect(await s.read("vm-r", "cpu_utilization", q(10, "avg", { fromMs: t, toMs: t + 60_000 }))).toHaveLength(6);
    await s.sweep(now + 60_000, retention);
    expect(await s.read("vm-r", "cpu_utilization", q(10, "avg", { fromMs: t, toMs: t + 60_000 }))).toEqual([]);
    const minute = () => s.read("vm-r", "cpu_utilization", { ...q(60, "avg", { fromMs: t, toMs: t + 60_000 }), now });
    expect(await minute()).toEqual([[t, 35]]);
    // A late sample for that minute adds to its rollup instead of replacing it with itself alone.
    await s.write([{ vmId: "vm-r", metric: "cpu_utilization", ts: t + 5_000, value: 105 }]);
    expect(await minute()).toEqual([[t, 45]]);
    expect(await s.read("vm-r", "cpu_utilization", { ...q(3600, "max", { fromMs: t, toMs: t + HOUR }), now })).toEqual([[t, 105]]);
    await s.close();
  });

  it("sweeps one-minute rollups after their week and keeps hours for the year", async () => {
    const t = Date.UTC(2026, 9, 1, 12, 0, 0);
    const s = MetricStore.open(temp.url);
    await s.write([{ vmId: "vm-old", metric: "cpu_utilization", ts: t, value: 42 }]);
    await s.flushRollups(t);
    const now = t + 30 * 24 * HOUR;
    await s.sweep(now, retention);
    await s.sweep(now + 20 * 60_000, retention);
    expect(await s.read("vm-old", "cpu_utilization", { ...q(60, "avg", { fromMs: t, toMs: t + 60_000 }), now })).toEqual([]);
    expect(await s.read("vm-old", "cpu_utilization", { ...q(3600, "avg", { fromMs: t, toMs: t + HOUR }), now })).toEqual([[t - (t % HOUR), 42]]);
    await s.close();
  });
});

describe("metric store: several servers on one database", () => {
  it("makes a series once when two stores write it at once, and each reads what the other wrote", async () => {
    const [a, b] = [MetricStore.open(temp.url), MetricStore.open(temp.url)];
    try {
      await Promise.all([
        a.write([{ vmId: "vm-two", metric: "cpu_utilization", ts: T0, value: 1 }]),
        b.write([{ vmId: "vm-two", metric: "cpu_utilization", ts: T0 + 10_000, value: 2 }]),
        a.writeCollected([{ vmId: "vm-two", until: T0 + 30_000, samples: [{ metric: "cpu_utilization", ts: T0 + 20_000, value: 3 }] }]),
        b.writeCollected([{ vmId: "vm-two", until: T0 + 30_000, samples: [{ metric: "cpu_utilization", ts: T0 + 20_000, value: 4 }] }]),
      ]);
      const id = await a.seriesId("vm-two", "cpu_utilization", "agent");
      expect(id).toBeDefined();
      expect(await b.seriesId("vm-two", "cpu_utilization", "agent")).toBe(id);
      expect(await a.seriesId("vm-two", "cpu_utilization", "cloud")).toBe(await b.seriesId("vm-two", "cpu_utilization", "cloud"));
      const raw = await b.read("vm-two", "cpu_utilization", q(10, "avg", { toMs: T0 + 30_000 }));
      expect(raw.slice(0, 2)).toEqual([
        [T0, 1],
        [T0 + 10_000, 2],
      ]);
      // The first pull of a time wins: either server's, never both.
      expect([3, 4]).toContain(raw[2][1]);
      expect(raw).toHaveLength(3);
      // Both servers' samples are in the one-minute bucket, whichever server rolls it up.
      expect(await a.read("vm-two", "cpu_utilization", q(60, "max", { toMs: T0 + 60_000 }))).toEqual([[T0, 2]]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
