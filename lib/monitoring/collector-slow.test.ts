import { describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import type { CloudDriver, ConnectionConfig, MetricQuery } from "@/lib/drivers/types";
import type { MonitoredVm } from "@/lib/store/monitored-vms";
import { Collector } from "./collector";

const FAST: ConnectionConfig = { name: "fast", driver: "sim", provider: "aws", region: "us-east-1", credential: "c" };
const SLOW: ConnectionConfig = { name: "slow", driver: "ssh", provider: "ssh", region: "lab", credential: "k" };

/** A cloud that answers every metric with one sample a step, once `gate` lets it. */
function driverFor(connection: ConnectionConfig, gate: Promise<void>): CloudDriver {
  return {
    connection,
    async getMetrics(_id: string, q: MetricQuery) {
      await gate;
      const points: [number, number][] = [];
      for (let t = Math.ceil(q.fromMs / 10_000) * 10_000; t < q.toMs; t += 10_000) points.push([t, 7]);
      return { metric: q.metric, points };
    },
  } as unknown as CloudDriver;
}

describe("the collector with one slow connection", () => {
  it("writes the other connections' samples without waiting for it", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
    const vm = (id: string, connection: string): MonitoredVm => ({ id, name: id, mciId: "m", namespace: "default", connection, status: "Running", cloudId: `c-${id}`, publicIp: null, createdAt: clock.now() - 60_000, updatedAt: clock.now() - 60_000 });
    let release!: () => void;
    const slowGate = new Promise<void>((r) => (release = r));
    const written: string[] = [];
    let fastWritten!: () => void;
    const fastDone = new Promise<void>((r) => (fastWritten = r));
    const collector = new Collector({
      metrics: {
        cursors: async () => new Map(),
        async writeCollected(batches) {
          for (const b of batches) written.push(b.vmId);
          if (batches.some((b) => b.vmId === "on-fast")) fastWritten();
          return batches.reduce((n, b) => n + b.samples.length, 0);
        },
        async dropCursors() {},
      },
      vms: { list: async () => [vm("on-slow", SLOW.name), vm("on-fast", FAST.name)] },
      clock,
      connectionConfig: async (name) => (name === SLOW.name ? SLOW : FAST),
      driverFor: (c) => driverFor(c, c.name === SLOW.name ? slowGate : Promise.resolve()),
      lookbackMs: 3_600_000,
    });

    const tick = collector.tick();
    // The fast connection's VM is stored while the slow one still has not answered.
    await fastDone;
    expect(written).toEqual(["on-fast"]);
    release();
    const report = await tick;
    expect(written).toEqual(["on-fast", "on-slow"]);
    expect(report).toMatchObject({ vms: 2, failed: 0 });
    expect(report.samples).toBeGreaterThan(0);
  });
});
