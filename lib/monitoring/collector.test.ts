import { afterAll, describe, expect, it } from "vitest";
import { listSpecs } from "@/lib/catalogue";
import { systemClock } from "@/lib/core/clock";
import { METRIC_NAMES } from "@/lib/core/metrics";
import { applyAction, createMci, getMci } from "@/lib/provisioning/mci";
import { eventually, startHarness, type Harness } from "@/lib/provisioning/testing/harness";
import { MetricStore, stores } from "@/lib/store";
import { tempDatabase } from "@/lib/store/testing";
import { Collector } from "./collector";
import type { MonitoredVm } from "@/lib/store/monitored-vms";

const REGION = "aws-us-east-1";
const temp = tempDatabase();
const opened: MetricStore[] = [];
let h: Harness | null = null;

afterAll(async () => {
  await h?.reconciler.stop();
  await Promise.all(opened.map((s) => s.close()));
  await temp.cleanup();
});

function collectorOver(store: MetricStore): Collector {
  return new Collector({
    metrics: store,
    vms: stores(temp.prisma).monitoredVms,
    clock: systemClock,
    connectionConfig: (name) => h!.deps.connections.config(name),
    driverFor: (c) => h!.deps.driverFor(c),
    lookbackMs: 24 * 3_600_000,
  });
}

function open(): MetricStore {
  const s = MetricStore.open(temp.url);
  opened.push(s);
  return s;
}

const read = (store: MetricStore, vmId: string, metric = "cpu_utilization") => store.read(vmId, metric, { fromMs: 0, toMs: Date.now() + 60_000, stepMs: 10_000, agg: "avg", source: "cloud", now: Date.now() });

/** Every sample 10 s after the one before: the collector left no gap and wrote nothing twice. */
function expectContiguous(points: [number, number][]): void {
  expect(points.length).toBeGreaterThan(0);
  points.forEach(([ts], i) => i && expect(ts - points[i - 1][0]).toBe(10_000));
}

describe("the metric collector over the simulator", () => {
  it("stores a running VM's metrics, resumes after a restart without gaps, and stops when the VM is suspended", { timeout: 120_000 }, async () => {
    h = await startHarness(temp.prisma);
    const answer = await createMci(h.deps, "default", { name: "watched", description: "", policy: "continue", dryRun: false, subGroups: [{ region: REGION, specId: listSpecs(REGION).filter((s) => !s.accelerator)[0].id, count: 2 }] });
    if (answer.kind !== "created") throw new Error("expected an MCI");
    const mciId = answer.mci.id;
    const running = await eventually(() => getMci(h!.deps, "default", mciId), (m) => m.status === "Running", "both VMs running");
    const [a, b] = running.vms;

    // Nothing is stored before the collector runs; once it runs, every metric of both VMs is.
    let store = open();
    expect(await read(store, a.id)).toEqual([]);
    let collector = collectorOver(store);
    await eventually(
      async () => (await collector.tick(), [(await read(store, a.id)).length, (await read(store, b.id)).length]),
      ([x, y]) => x > 0 && y > 0,
      "samples for both VMs",
      30_000,
    );
    for (const metric of METRIC_NAMES) expect((await read(store, a.id, metric)).length, metric).toBeGreaterThan(0);
    const cpu = (await read(store, a.id))[0][1];
    expect(cpu).toBeGreaterThan(0);
    expect(cpu).toBeLessThanOrEqual(100);

    // A restart: a new store connection and collector pick up at the cursors.
    const before = (await read(store, b.id)).length;
    store = open();
    collector = collectorOver(store);
    await eventually(async () => (await collector.tick(), (await read(store, b.id)).length), (n) => n > before, "more samples after the restart", 30_000);
    expectContiguous(await read(store, b.id));

    // Suspend one VM: its samples stop at the suspension, the other VM's go on.
    await applyAction(h.deps, "default", mciId, { action: "suspend", vmIds: [a.id] });
    await eventually(() => getMci(h!.deps, "default", mciId), (m) => m.vms.find((v) => v.id === a.id)!.status === "Suspended", "VM suspended");
    const cloudVm = await (await h.rawDriver(REGION)).getVm(a.cloudId!);
    const history = cloudVm.extra.history as { status: string; at: string }[];
    const suspendedAt = Date.parse(history.filter((x) => x.status === "Suspending").at(-1)!.at);
    await eventually(
      async () => (await collector.tick(), (await read(store, b.id)).at(-1)![0]),
      (last) => last >= suspendedAt + 20_000,
      "the running VM reported past the suspension",
      40_000,
    );
    const after = await read(store, a.id);
    expectContiguous(after);
    expect(after.at(-1)![0]).toBeLessThan(suspendedAt);
    expect(after.at(-1)![0]).toBeGreaterThanOrEqual(suspendedAt - 10_000);
    expectContiguous(await read(store, b.id));

    // The cloud answers the same numbers when asked again for a window already stored.
    const again = await (await h.rawDriver(REGION)).getMetrics(a.cloudId!, { metric: "cpu_utilization", fromMs: after[0][0], toMs: after.at(-1)![0] + 1, stepSeconds: 10 });
    expect(again.points).toEqual(after);
  });
});

describe("the collector's plan", () => {
  const vm = (id: string, createdAt: number): MonitoredVm => ({ id, name: id, mciId: "m", namespace: "default", connection: "c", status: "Running", cloudId: `i-${id}`, publicIp: null, createdAt, updatedAt: createdAt });
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  const DAY = 86_400_000;

  it("always pulls the VMs keeping up, and shares a budget among those catching up, oldest first", () => {
    const live = Array.from({ length: 50 }, (_, i) => vm(`live-${i}`, now - DAY));
    const cursors = new Map(live.map((v) => [v.id, now - 20_000]));
    const behind = Array.from({ length: 20 }, (_, i) => vm(`behind-${i}`, now - DAY));
    behind.forEach((v, i) => cursors.set(v.id, now - 3 * 3_600_000 - i * 60_000));
    const plan = Collector.plan([...behind, ...live], cursors, now, DAY);
    for (const v of live) expect(plan.find((p) => p.vm.id === v.id)).toMatchObject({ from: now - 20_000, to: now + 1 });
    const caught = plan.filter((p) => p.vm.id.startsWith("behind"));
    // 100,000 samples / 7 metrics / 10 s ≈ 39.7 h of windows: thirteen 3-hour catch-ups, the oldest first.
    expect(caught.length).toBeGreaterThan(5);
    expect(caught.length).toBeLessThan(20);
    expect(caught[0].vm.id).toBe("behind-19");
    const samples = plan.reduce((n, p) => n + Math.ceil((p.to - p.from) / 10_000) * 7, 0);
    expect(samples).toBeLessThanOrEqual(100_000 + 7);
  });

  it("pulls a new VM from its creation, at most the lookback and six hours at a time", () => {
    const [p] = Collector.plan([vm("new", now - 2 * DAY)], new Map(), now, DAY);
    expect(p.from).toBe(now - DAY);
    expect(p.to).toBe(now - DAY + 6 * 3_600_000);
    const [q] = Collector.plan([vm("fresh", now - 25_000)], new Map(), now, DAY);
    expect(q).toMatchObject({ from: now - 30_000, to: now + 1 });
  });
});
