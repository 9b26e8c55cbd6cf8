import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agg, Combine } from "@/lib/core/metrics";
import type { MetricStore } from "@/lib/store/metrics";
import { tempDatabase } from "@/lib/store/testing";
import { metricsQuerySchema } from "@/lib/validation/monitoring";
import { queryMetrics } from "./query";
import { combineSeries, type Point } from "./rollup";
import { seedMci, testMonitoring } from "./testing";

const T0 = Date.UTC(2026, 10, 20, 0, 0, 0);
const MINUTE = 60_000;
const HOUR = 3_600_000;
const NOW = T0 + 3 * HOUR;
const METRIC = "cpu_utilization";
const VMS = ["vm-1", "vm-2", "vm-3", "vm-4"];

const temp = tempDatabase();
const m = testMonitoring(temp.prisma, temp.url, { now: () => NOW });
afterAll(async () => {
  await m.metrics.close();
  await temp.cleanup();
});

/** A store that counts the reads it serves, to see which path a query took. */
function counting(store: MetricStore) {
  const calls = { readNow: 0, readMci: 0 };
  const spy = new Proxy(store, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        if (prop === "readNow" || prop === "readMci") calls[prop]++;
        return v.apply(target, args);
      };
    },
  });
  return { spy, calls };
}

const wave = (v: number, i: number) => Math.round((40 + 30 * Math.sin(i / (5 + v)) + ((i * (v + 3)) % 11)) * 100) / 100;
const samples = (vmId: string, v: number, times: number[]) => times.map((ts, i) => ({ vmId, metric: METRIC, ts, value: wave(v, i) }));
const every10s = (from: number, to: number) => Array.from({ length: (to - from) / 10_000 }, (_, i) => from + i * 10_000);

const TWO_HOURS = every10s(T0, T0 + 2 * HOUR);
/** Uneven counts per minute (extra samples) and a silent half hour. */
const UNEVEN = [...TWO_HOURS.filter((t) => t < T0 + 30 * MINUTE || t >= T0 + 60 * MINUTE), ...TWO_HOURS.filter((_, i) => i % 7 === 0).map((t) => t + 5_000)].sort((a, b) => a - b);

beforeAll(async () => {
  await seedMci(temp.prisma, "mci-r", VMS.map((id) => ({ id })));
  await seedMci(temp.prisma, "mci-other", [{ id: "vm-x" }]);
  const twoHours = TWO_HOURS;
  // vm-1: the cloud's view only.
  await m.metrics.write(samples("vm-1", 1, twoHours), "cloud");
  // vm-2: an agent only.
  await m.metrics.write(samples("vm-2", 2, UNEVEN), "agent");
  // vm-3: both. The cloud all along, the agent in minutes 10 to 20 of the first hour only.
  await m.metrics.write(samples("vm-3", 3, twoHours), "cloud");
  await m.metrics.write(samples("vm-3", 30, every10s(T0 + 10 * MINUTE, T0 + 20 * MINUTE)), "agent");
  // vm-4: the cloud's view; its agent reports late (below).
  await m.metrics.write(samples("vm-4", 4, twoHours), "cloud");
  // Another MCI's VM, far off: it must count in neither.
  await m.metrics.write(twoHours.map((ts) => ({ vmId: "vm-x", metric: METRIC, ts, value: 1000 })), "cloud");
  await m.metrics.flushRollups(NOW);
});

const PAIRS: [Agg, Combine][] = [
  ["avg", "avg"],
  ["avg", "sum"],
  ["max", "max"],
  ["min", "min"],
];

/** What combining the VMs' own series answers: the reference. */
async function combinedFromVms(agg: Agg, combine: Combine, step: number): Promise<Point[]> {
  const read = { fromMs: T0, toMs: T0 + 2 * HOUR, stepMs: step * 1000, agg, source: "auto" as const, now: NOW };
  await m.metrics.prepareRead(read);
  return combineSeries(await Promise.all(VMS.map((id) => m.metrics.readNow(id, METRIC, read))), combine);
}

async function fromQuery(agg: Agg, combine: Combine, step: number) {
  const { spy, calls } = counting(m.metrics);
  const q = metricsQuerySchema.parse({ mci: "mci-r", metric: METRIC, from: String(T0), to: String(T0 + 2 * HOUR), step: String(step), agg, combine });
  const answer = await queryMetrics({ metrics: spy, vms: m.vms }, q, NOW);
  return { answer, calls };
}

async function expectSameAsCombining(label: string) {
  for (const step of [60, 3600]) {
    for (const [agg, combine] of PAIRS) {
      const want = await combinedFromVms(agg, combine, step);
      const { answer, calls } = await fromQuery(agg, combine, step);
      const what = `${label}: agg=${agg} combine=${combine} step=${step}`;
      expect(calls, what).toEqual({ readNow: 0, readMci: 1 });
      expect(answer.series).toHaveLength(1);
      expect(answer.series[0].vms, what).toBe(4);
      const got = answer.series[0].points;
      expect(got.map((p) => p[0]), what).toEqual(want.map((p) => p[0]));
      // Sums of the VMs' averages are added in another order than combineSeries adds them.
      got.forEach(([, v], i) => expect(v, `${what}, bucket ${i}`).toBeCloseTo(want[i][1], 9));
    }
  }
}

describe("per-MCI rollups", () => {
  it("answer an MCI's avg, sum, min and max at one minute and one hour as combining its VMs' series does, agent over cloud VM by VM", async () => {
    await expectSameAsCombining("after the first rollups");
    // Where vm-3's agent reported, its agent's values count, not its cloud's (another wave).
    const minute = T0 + 15 * MINUTE;
    const mean = (xs: { ts: number; value: number }[]) => {
      const inMinute = xs.filter((x) => x.ts >= minute && x.ts < minute + MINUTE);
      return inMinute.reduce((sum, x) => sum + x.value, 0) / inMinute.length;
    };
    const others = mean(samples("vm-1", 1, TWO_HOURS)) + mean(samples("vm-2", 2, UNEVEN)) + mean(samples("vm-4", 4, TWO_HOURS));
    const withAgent = others + mean(samples("vm-3", 30, every10s(T0 + 10 * MINUTE, T0 + 20 * MINUTE)));
    const withCloud = others + mean(samples("vm-3", 3, TWO_HOURS));
    const got = (await fromQuery("avg", "sum", 60)).answer.series[0].points.find((p) => p[0] === minute)!;
    expect(got[1]).toBeCloseTo(withAgent, 9);
    expect(got[1]).not.toBeCloseTo(withCloud, 3);
  });

  it("follow a late agent sample that replaces a cloud value already rolled up", async () => {
    const minute = T0 + 70 * MINUTE;
    const before = (await fromQuery("max", "max", 60)).answer.series[0].points.find((p) => p[0] === minute)!;
    await m.metrics.write([{ vmId: "vm-4", metric: METRIC, ts: minute + 20_000, value: 500 }], "agent");
    await m.metrics.flushRollups(NOW);
    const after = (await fromQuery("max", "max", 60)).answer.series[0].points.find((p) => p[0] === minute)!;
    expect(before[1]).toBeLessThan(500);
    expect(after).toEqual([minute, 500]);
    await expectSameAsCombining("after a late agent sample");
  });

  it("leave other steps, sources and pairs to the VMs' series", async () => {
    for (const params of [
      { step: "300", agg: "avg", combine: "avg" },
      { step: "60", agg: "max", combine: "avg" },
      { step: "60", agg: "avg", combine: "avg", source: "cloud" },
    ]) {
      const { spy, calls } = counting(m.metrics);
      const q = metricsQuerySchema.parse({ mci: "mci-r", metric: METRIC, from: String(T0), to: String(T0 + 2 * HOUR), ...params });
      const answer = await queryMetrics({ metrics: spy, vms: m.vms }, q, NOW);
      expect(calls, JSON.stringify(params)).toEqual({ readNow: 4, readMci: 0 });
      expect(answer.series[0].vms).toBe(4);
    }
  });

  it("are swept with the VMs' rollups: the minutes after their week, the hours kept for the year", async () => {
    const hours = (await fromQuery("avg", "avg", 3600)).answer.series[0].points;
    expect(hours).toHaveLength(2);
    const later = NOW + 30 * 24 * HOUR;
    const retention = { rawMs: 24 * HOUR, minuteMs: 7 * 24 * HOUR, hourMs: 365 * 24 * HOUR };
    await m.metrics.sweep(later, retention);
    await m.metrics.sweep(later + 20 * MINUTE, retention);
    expect((await fromQuery("avg", "avg", 60)).answer.series[0].points).toEqual([]);
    expect((await fromQuery("avg", "avg", 3600)).answer.series[0].points).toEqual(hours);
  });
});
