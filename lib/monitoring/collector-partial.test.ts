import { describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { NotSupportedError } from "@/lib/core/errors";
import type { MetricName } from "@/lib/core/metrics";
import type { CloudDriver, ConnectionConfig, MetricQuery } from "@/lib/drivers/types";
import type { CollectedBatch } from "@/lib/store/metrics";
import type { MonitoredVm } from "@/lib/store/monitored-vms";
import { Collector } from "./collector";

const CONNECTION: ConnectionConfig = { name: "aws-use1", driver: "aws", provider: "aws", region: "us-east-1", credential: "c" };

/** A cloud like EC2 without an agent: CPU and network only, published `lagMs` late. */
function partialDriver(lagMs: number, asked: MetricQuery[], periodMs?: number): CloudDriver {
  const gives = new Set<MetricName>(["cpu_utilization", "bytes_in"]);
  return {
    connection: CONNECTION,
    metricLagMs: lagMs,
    metricPeriodMs: periodMs,
    async getMetrics(_id: string, q: MetricQuery) {
      asked.push(q);
      if (!gives.has(q.metric)) throw new NotSupportedError(`AWS does not provide ${q.metric} without an agent`);
      const points: [number, number][] = [];
      for (let t = Math.ceil(q.fromMs / 60_000) * 60_000; t < q.toMs; t += 60_000) points.push([t, 42]);
      return { metric: q.metric, points };
    },
  } as unknown as CloudDriver;
}

function collectorOver(driver: CloudDriver, clock: ManualClock, vm: MonitoredVm) {
  const cursors = new Map<string, number>();
  const written: CollectedBatch[] = [];
  const collector = new Collector({
    metrics: {
      cursors: async () => new Map(cursors),
      async writeCollected(batches) {
        for (const b of batches) cursors.set(b.vmId, b.until);
        written.push(...batches);
        return batches.reduce((n, b) => n + b.samples.length, 0);
      },
      async dropCursors() {},
    },
    vms: { list: async () => [vm] },
    clock,
    connectionConfig: async () => CONNECTION,
    driverFor: () => driver,
    lookbackMs: 24 * 3_600_000,
  });
  return { collector, cursors, written };
}

describe("the collector over a cloud that gives some metrics, late", () => {
  it("stores the metrics the cloud gives, skips the ones it cannot, and asks only for windows older than its lag", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
    const lag = 15 * 60_000;
    const vm: MonitoredVm = { id: "vm1", name: "web-1", mciId: "m", namespace: "default", connection: CONNECTION.name, status: "Running", cloudId: "i-0123456789abcdef0", publicIp: null, createdAt: clock.now() - 3_600_000, updatedAt: clock.now() - 3_600_000 };
    const asked: MetricQuery[] = [];
    const { collector, cursors, written } = collectorOver(partialDriver(lag, asked), clock, vm);

    const report = await collector.tick();
    expect(report.failed).toBe(0);
    expect(new Set(written[0].samples.map((s) => s.metric))).toEqual(new Set(["cpu_utilization", "bytes_in"]));
    expect(asked.every((q) => q.toMs <= clock.now() + 1 - lag)).toBe(true);
    expect(cursors.get("vm1")).toBe(clock.now() + 1 - lag);

    // The next tick goes on from the cursor and no longer asks for what the cloud said it cannot give.
    asked.length = 0;
    clock.advance(60_000);
    await collector.tick();
    expect(asked.map((q) => q.metric).sort()).toEqual(["bytes_in", "cpu_utilization"]);
    expect(asked[0].fromMs).toBe(clock.now() - 60_000 + 1 - lag);
    expect(written.at(-1)!.samples.length).toBeGreaterThan(0);
  });

  it("leaves a VM younger than the lag alone, its cursor unset", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
    const vm: MonitoredVm = { id: "vm2", name: "new", mciId: "m", namespace: "default", connection: CONNECTION.name, status: "Running", cloudId: "i-0123456789abcdef1", publicIp: null, createdAt: clock.now() - 60_000, updatedAt: clock.now() - 60_000 };
    const asked: MetricQuery[] = [];
    const { collector, cursors } = collectorOver(partialDriver(15 * 60_000, asked), clock, vm);
    await collector.tick();
    expect(asked).toEqual([]);
    expect(cursors.has("vm2")).toBe(false);
  });

  it("asks a cloud with a coarse period for whole periods only, each once", async () => {
    const period = 5 * 60_000;
    const lag = 15 * 60_000;
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 2, 30));
    const vm: MonitoredVm = { id: "vm3", name: "p", mciId: "m", namespace: "default", connection: CONNECTION.name, status: "Running", cloudId: "i-0123456789abcdef2", publicIp: null, createdAt: clock.now() - 3_600_000, updatedAt: clock.now() - 3_600_000 };
    const asked: MetricQuery[] = [];
    const { collector, cursors } = collectorOver(partialDriver(lag, asked, period), clock, vm);
    await collector.tick();
    const end = Date.UTC(2026, 0, 1, 11, 45);
    expect(cursors.get("vm3")).toBe(end);
    expect(asked.every((q) => q.toMs === end)).toBe(true);

    // Ticks within the same period ask for nothing; the next period is asked for once it is complete.
    asked.length = 0;
    for (let i = 0; i < 6; i++) {
      clock.advance(10_000);
      await collector.tick();
    }
    expect(asked).toEqual([]);
    clock.advance(5 * 60_000);
    await collector.tick();
    expect(asked.map((q) => [q.fromMs, q.toMs])).toEqual([
      [end, end + period],
      [end, end + period],
    ]);
  });
});
