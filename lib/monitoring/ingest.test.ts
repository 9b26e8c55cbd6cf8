import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { tempDatabase } from "@/lib/store/testing";
import { metricsQuerySchema } from "@/lib/validation/monitoring";
import { writeLineProtocol } from "./ingest";
import { queryMetrics } from "./query";
import { seedMci, testMonitoring } from "./testing";

const temp = tempDatabase();
const clock = new ManualClock(Date.UTC(2026, 10, 27, 12, 0, 0));
const m = testMonitoring(temp.prisma, temp.url, clock);
const S = 1_795_000_000; // a time in seconds, on the 10-second grid

beforeAll(async () => {
  await seedMci(temp.prisma, "mci-web", [
    { id: "vm-web-1", name: "web-1", publicIp: "198.18.0.1", cloudId: "i-0aaa" },
    { id: "vm-web-2", name: "web-2", publicIp: "198.18.0.2" },
  ]);
});
afterAll(async () => {
  await m.metrics.close();
  await temp.cleanup();
});

const read = (params: Record<string, string>) => queryMetrics(m, metricsQuerySchema.parse(params), clock.now());

describe("line protocol ingest", () => {
  it("stores metric fields of good lines and reads them back exactly at the raw step", async () => {
    const body = [
      "# Telegraf-style batch",
      `cpu,vm=vm-web-1 cpu_utilization=37.5,mem_utilization=61i ${S}`,
      `cpu,vm=vm-web-1 cpu_utilization=42.25 ${S + 10}`,
      `net,host=198.18.0.2 bytes_in=1200u,bytes_out=800 ${S}`,
      "",
    ].join("\n");
    const r = await writeLineProtocol(m, body, "s", clock.now());
    expect(r).toEqual({ accepted: 3, ignored: 0, samples: 5, rejected: [] });
    const cpu = await read({ vm: "vm-web-1", metric: "cpu_utilization", from: String(S * 1000), to: String(S * 1000 + 20_000), step: "10" });
    expect(cpu.series).toEqual([{ vm: "vm-web-1", name: "web-1", points: [[S * 1000, 37.5], [S * 1000 + 10_000, 42.25]] }]);
    const mem = await read({ vm: "vm-web-1", metric: "mem_utilization", from: String(S * 1000), to: String(S * 1000 + 10_000), step: "10" });
    expect(mem.series[0].points).toEqual([[S * 1000, 61]]);
    const net = await read({ vm: "vm-web-2", metric: "bytes_in", from: String(S * 1000), to: String(S * 1000 + 10_000), step: "10" });
    expect(net.series[0].points).toEqual([[S * 1000, 1200]]);
  });

  it("converts every precision, defaults to nanoseconds, and stamps a line without a time with now", async () => {
    const ms = S * 1000 + 30_000;
    await writeLineProtocol(m, `cpu,vm=vm-web-1 cpu_utilization=1 ${ms * 1_000_000}`, "ns", clock.now());
    await writeLineProtocol(m, `cpu,vm=vm-web-1 cpu_utilization=2 ${(ms + 10_000) * 1000}`, "us", clock.now());
    await writeLineProtocol(m, `cpu,vm=vm-web-1 cpu_utilization=3 ${ms + 20_000}`, "ms", clock.now());
    await writeLineProtocol(m, `cpu,vm=vm-web-1 cpu_utilization=4`, "ns", clock.now());
    const a = await read({ vm: "vm-web-1", metric: "cpu_utilization", from: String(ms), to: String(ms + 30_000), step: "10" });
    expect(a.series[0].points).toEqual([[ms, 1], [ms + 10_000, 2], [ms + 20_000, 3]]);
    const now = await read({ vm: "vm-web-1", metric: "cpu_utilization", from: String(clock.now()), to: String(clock.now() + 1), step: "10" });
    expect(now.series[0].points).toEqual([[clock.now(), 4]]);
  });

  it("accepts the good lines of a partly bad batch and names each bad line with its reason", async () => {
    const body = [
      `cpu,vm=vm-web-2 cpu_utilization=10 ${S + 100}`,
      `cpu,vm=vm-nope cpu_utilization=10 ${S + 100}`,
      `cpu,host=203.0.113.9 cpu_utilization=10 ${S + 100}`,
      `cpu cpu_utilization=10 ${S + 100}`,
      `cpu,vm=vm-web-2 cpu_utilization="high" ${S + 100}`,
      `cpu,vm=vm-web-2 cpu_utilization=10 12:00`,
      `cpu,vm=vm-web-2 usage_idle=90,note="fine" ${S + 100}`,
      `cpu,vm=i-0aaa cpu_utilization=11 ${S + 110}`,
    ].join("\n");
    const r = await writeLineProtocol(m, body, "s", clock.now());
    expect(r.accepted).toBe(2);
    expect(r.ignored).toBe(1);
    expect(r.rejected.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(r.rejected[0].error).toMatch(/unknown VM "vm-nope"/);
    expect(r.rejected[1].error).toMatch(/no VM has the public IP "203.0.113.9"/);
    expect(r.rejected[2].error).toMatch(/names no VM/);
    expect(r.rejected[3].error).toMatch(/cpu_utilization is a string/);
    expect(r.rejected[4].error).toMatch(/not a timestamp/);
    // The cloud's id for a VM names it too.
    const one = await read({ vm: "vm-web-1", metric: "cpu_utilization", from: String((S + 110) * 1000), to: String((S + 120) * 1000), step: "10" });
    expect(one.series[0].points).toEqual([[(S + 110) * 1000, 11]]);
  });

  it("knows a VM made after the directory was loaded", async () => {
    await seedMci(temp.prisma, "mci-late", [{ id: "vm-late", publicIp: "198.18.0.9" }]);
    const r = await writeLineProtocol(m, `cpu,vm=vm-late cpu_utilization=5 ${S}\ncpu,host=198.18.0.9 mem_utilization=6 ${S}`, "s", clock.now());
    expect(r).toMatchObject({ accepted: 2, rejected: [] });
  });
});

describe("metrics queries", () => {
  beforeAll(async () => {
    // Six minutes of known values on both VMs of mci-web, ten seconds apart.
    const lines: string[] = [];
    for (let i = 0; i < 36; i++) {
      lines.push(`cpu,vm=vm-web-1 disk_utilization=${i} ${(S + 1000 + i * 10) * 1_000_000_000}`);
      lines.push(`cpu,vm=vm-web-2 disk_utilization=${100 + 2 * i} ${(S + 1000 + i * 10) * 1_000_000_000}`);
    }
    await writeLineProtocol(m, lines.join("\n"), "ns", clock.now());
  });
  const from = String((S + 1000) * 1000);
  const to = String((S + 1360) * 1000);

  it("answers one series per VM of an MCI, with avg and max at a coarser step", async () => {
    const avg = await read({ mci: "mci-web", metric: "disk_utilization", from, to, step: "120" });
    const start = (S + 1000) * 1000 - (((S + 1000) * 1000) % 120_000);
    expect(avg.from).toBe(start);
    const byVm = Object.fromEntries(avg.series.map((s) => [s.vm, s.points]));
    // Bucket of `step` seconds holding each sample; values are i (web-1) and 100 + 2i (web-2).
    const expected = (stepS: number, f: (i: number) => number, agg: (xs: number[]) => number) => {
      const buckets = new Map<number, number[]>();
      for (let i = 0; i < 36; i++) {
        const t = (S + 1000 + i * 10) * 1000;
        const b = t - (t % (stepS * 1000));
        buckets.set(b, [...(buckets.get(b) ?? []), f(i)]);
      }
      return [...buckets.entries()].map(([b, xs]) => [b, agg(xs)]);
    };
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(byVm["vm-web-1"]).toEqual(expected(120, (i) => i, mean));
    expect(byVm["vm-web-2"]).toEqual(expected(120, (i) => 100 + 2 * i, mean));
    expect(byVm["vm-web-1"].length).toBeGreaterThan(2);
    const max = await read({ mci: "mci-web", metric: "disk_utilization", from, to, step: "60", agg: "max" });
    expect(max.series.find((s) => s.vm === "vm-web-2")!.points).toEqual(expected(60, (i) => 100 + 2 * i, (xs) => Math.max(...xs)));
    expect(max.series.find((s) => s.vm === "vm-web-1")!.points).toEqual(expected(60, (i) => i, (xs) => Math.max(...xs)));
    expect(avg.series.map((s) => s.name)).toEqual(["web-1", "web-2"]);
  });

  it("combines the MCI's VMs into one series on request", async () => {
    const c = await read({ mci: "mci-web", metric: "disk_utilization", from, to: String((S + 1010) * 1000), step: "10", combine: "avg" });
    expect(c.series).toEqual([{ combine: "avg", vms: 2, points: [[(S + 1000) * 1000, 50]] }]);
    const sum = await read({ mci: "mci-web", metric: "disk_utilization", from, to: String((S + 1010) * 1000), step: "10", combine: "sum" });
    expect(sum.series[0].points).toEqual([[(S + 1000) * 1000, 100]]);
  });

  it("answers only the busiest VMs with top, highest mean first, and says how many there are", async () => {
    const one = await read({ mci: "mci-web", metric: "disk_utilization", from, to, step: "60", top: "1" });
    expect(one.total).toBe(2);
    expect(one.series.map((s) => s.vm)).toEqual(["vm-web-2"]);
    const both = await read({ mci: "mci-web", metric: "disk_utilization", from, to, step: "60", top: "5" });
    expect(both.series.map((s) => s.vm)).toEqual(["vm-web-2", "vm-web-1"]);
    const all = await read({ mci: "mci-web", metric: "disk_utilization", from, to, step: "60" });
    expect(both.series[1].points).toEqual(all.series.find((s) => s.vm === "vm-web-1")!.points);
  });

  it("downsamples with LTTB to the asked number of points", async () => {
    const full = await read({ vm: "vm-web-1", metric: "disk_utilization", from, to, step: "10" });
    expect(full.series[0].points).toHaveLength(36);
    const down = await read({ vm: "vm-web-1", metric: "disk_utilization", from, to, step: "10", maxPoints: "10" });
    expect(down.series[0].points).toHaveLength(10);
    expect(down.series[0].points[0]).toEqual(full.series[0].points[0]);
    expect(down.series[0].points[9]).toEqual(full.series[0].points[35]);
  });

  it("says what is wrong with a query, naming the field", async () => {
    const issue = (params: Record<string, string>) => {
      const r = metricsQuerySchema.safeParse(params);
      return r.success ? null : `${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message}`;
    };
    expect(issue({ vm: "a", metric: "cpu_utilization", step: "0" })).toMatch(/^step: step is a positive integer/);
    expect(issue({ vm: "a", metric: "cpu_utilization", step: "1.5" })).toMatch(/^step: /);
    expect(issue({ vm: "a", metric: "cpu_utilization", step: "ten" })).toMatch(/^step: /);
    expect(issue({ vm: "a", metric: "cpu", step: "10" })).toMatch(/^metric: metric is one of cpu_utilization/);
    expect(issue({ vm: "a", metric: "cpu_utilization", from: "2026-11-27T12:00:00Z", to: "2026-11-27T11:00:00Z" })).toMatch(/^from: from .* must be before to/);
    expect(issue({ vm: "a", metric: "cpu_utilization", from: "yesterday" })).toMatch(/^from: /);
    expect(issue({ vm: "a", metric: "cpu_utilization", from: "now-30d", step: "10" })).toMatch(/^step: this range at step 10 s gives 25920[01] points per series; at most 10080 are answered: use a step of at least 258 s/);
    expect(issue({ metric: "cpu_utilization" })).toMatch(/^vm: give exactly one of vm or mci/);
    expect(issue({ vm: "a", mci: "b", metric: "cpu_utilization" })).toMatch(/^vm: give exactly one/);
    expect(issue({ vm: "a", metric: "cpu_utilization", combine: "avg" })).toMatch(/^combine: /);
    expect(issue({ vm: "a", metric: "cpu_utilization", agg: "median" })).toMatch(/^agg: agg is one of avg, max, min, last/);
    expect(issue({ vm: "a", metric: "cpu_utilization", top: "3" })).toMatch(/^top: top works with mci= and without combine=/);
    expect(issue({ mci: "b", metric: "cpu_utilization", top: "0" })).toMatch(/^top: top is a positive integer/);
    expect(issue({ mci: "b", metric: "cpu_utilization", top: "500" })).toMatch(/^top: top is at most 100/);
    expect(issue({ vm: "a", metric: "cpu_utilization", from: "now-24h" })).toBeNull();
  });

  it("answers 404 for an unknown VM or MCI", async () => {
    await expect(read({ vm: "vm-nobody", metric: "cpu_utilization" })).rejects.toThrow(/VM "vm-nobody" does not exist/);
    await expect(read({ mci: "mci-nobody", metric: "cpu_utilization" })).rejects.toThrow(/MCI "mci-nobody" does not exist/);
  });
});
