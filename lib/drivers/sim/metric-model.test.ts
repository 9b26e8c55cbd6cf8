import { describe, expect, it } from "vitest";
import { METRIC_NAMES } from "@/lib/core/metrics";
import { dailyLoad, localHour, runningIntervals, simSeries, simValue, type SimVmProfile } from "./metric-model";

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 20, 0, 0, 0);

const profile = (vmId: string, extra: Partial<SimVmProfile> = {}): SimVmProfile => ({ seed: "s", vmId, vcpu: 2, longitude: 0, createdAt: T - DAY, running: [{ from: T - DAY, to: Infinity }], ...extra });

describe("the simulator's metric model", () => {
  it("reads running stretches from a status history", () => {
    const h = [
      { status: "Creating" as const, at: 0 },
      { status: "Running" as const, at: 10 },
      { status: "Suspending" as const, at: 50 },
      { status: "Suspended" as const, at: 60 },
      { status: "Resuming" as const, at: 70 },
      { status: "Running" as const, at: 80 },
    ];
    expect(runningIntervals(h)).toEqual([
      { from: 10, to: 50 },
      { from: 80, to: Infinity },
    ]);
  });

  it("reports nothing while the VM is not running, and every metric while it is", () => {
    const p = profile("vm-1", { running: [{ from: T, to: T + 60_000 }] });
    const pts = simSeries(p, "cpu_utilization", T - 60_000, T + 120_000, 10, T + DAY);
    expect(pts.map((x) => x[0])).toEqual([0, 1, 2, 3, 4, 5].map((i) => T + i * 10_000));
    for (const m of METRIC_NAMES) expect(simValue(p, m, T + 20_000)).not.toBeNull();
    expect(simValue(p, "cpu_utilization", T + 60_000)).toBeNull();
  });

  it("never answers the future", () => {
    expect(simSeries(profile("vm-1"), "cpu_utilization", T, T + 600_000, 10, T + 25_000).map((x) => x[0])).toEqual([T, T + 10_000, T + 20_000]);
  });

  it("answers the same numbers for the same VM and instant, and different ones for another VM or seed", () => {
    const a = simSeries(profile("vm-1"), "mem_utilization", T, T + 3_600_000, 10, T + DAY);
    expect(simSeries(profile("vm-1"), "mem_utilization", T, T + 3_600_000, 10, T + DAY)).toEqual(a);
    expect(simSeries(profile("vm-2"), "mem_utilization", T, T + 3_600_000, 10, T + DAY)).not.toEqual(a);
    expect(simSeries(profile("vm-1", { seed: "other" }), "mem_utilization", T, T + 3_600_000, 10, T + DAY)).not.toEqual(a);
  });

  it("keeps percentages within 0–100 and rates non-negative", () => {
    for (let i = 0; i < 30; i++) {
      const p = profile(`vm-${i}`);
      for (let t = T; t < T + DAY; t += 7 * 60_000) {
        for (const m of ["cpu_utilization", "mem_utilization", "disk_utilization"] as const) {
          const v = simValue(p, m, t)!;
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100);
        }
        for (const m of ["bytes_in", "bytes_out", "kb_read", "kb_written"] as const) expect(simValue(p, m, t)!).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("follows the region's local day: busier at 16:00 than at 04:00 local time, wherever the region is", () => {
    expect(localHour(Date.UTC(2026, 0, 1, 0, 0), 135)).toBeCloseTo(9, 9); // Tokyo-ish: UTC+9
    expect(localHour(Date.UTC(2026, 0, 1, 0, 0), -75)).toBeCloseTo(19, 9);
    expect(dailyLoad(Date.UTC(2026, 0, 1, 16, 0), 0)).toBeCloseTo(1, 9);
    expect(dailyLoad(Date.UTC(2026, 0, 1, 4, 0), 0)).toBeCloseTo(0, 9);
    for (const longitude of [0, 127, -122]) {
      const at = (localH: number) => T + ((((localH - longitude / 15) % 24) + 24) % 24) * 3_600_000;
      let busy = 0;
      let quiet = 0;
      for (let i = 0; i < 40; i++) {
        const p = profile(`vm-${i}`, { longitude });
        busy += simValue(p, "cpu_utilization", at(16))!;
        quiet += simValue(p, "cpu_utilization", at(4))!;
      }
      expect(busy / 40).toBeGreaterThan(quiet / 40 + 15);
    }
  });

  it("has bursts: some 5-minute windows run far above the VM's usual load", () => {
    const p = profile("vm-bursty");
    const week = simSeries(p, "cpu_utilization", T, T + 7 * DAY, 300, T + 8 * DAY);
    const sorted = week.map((x) => x[1]).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    expect(sorted[sorted.length - 1]).toBeGreaterThan(median + 20);
  });

  it("averages 10-second samples into coarser steps aligned to the step", () => {
    const p = profile("vm-1");
    const fine = simSeries(p, "cpu_utilization", T, T + 60_000, 10, T + DAY);
    const [[ts, v]] = simSeries(p, "cpu_utilization", T + 5_000, T + 60_000, 60, T + DAY);
    expect(ts).toBe(T);
    expect(v).toBeCloseTo(fine.reduce((s, x) => s + x[1], 0) / fine.length, 9);
  });
});
