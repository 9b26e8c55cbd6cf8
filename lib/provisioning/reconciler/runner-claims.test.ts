import { afterEach, describe, expect, it } from "vitest";
import { ManualClock, systemClock, type Clock } from "@/lib/core/clock";
import { stores, type Database } from "@/lib/store";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import type { ProvisioningDeps } from "../deps";
import { eventually } from "../testing/harness";
import { Reconciler, type RunnerOptions } from "./runner";
import { DONE, type StepResult } from "./step-result";

let temp: TempDatabase;
const runners: Reconciler[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await temp?.cleanup();
});

/** A server's reconciler over its own client of the shared database, with the loop's step replaced. */
function server(prisma: Database, options: RunnerOptions, clock: Clock = systemClock): { runner: Reconciler; deps: ProvisioningDeps } {
  const s = stores(prisma);
  let runner: Reconciler | null = null;
  // The loop only needs the queue, the clock and (at start) the repository's lists of unfinished work.
  const deps = { repo: s.mci, queue: s.queue, connections: s.connections, clock, random: Math.random, kick: () => runner?.kick() } as unknown as ProvisioningDeps;
  runner = new Reconciler(deps, { global: 6, perConnection: 2, idleMs: 50 }, options);
  runners.push(runner);
  return { runner, deps };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("reconcilers of several servers on one database", () => {
  it("never run one key twice at once, run every key, and keep a request made while its step ran", async () => {
    temp = tempDatabase();
    const running = new Set<string>();
    const overlaps: string[] = [];
    const runs = new Map<string, number>();
    const again = new Set(["vm:3", "mci:1"]);
    const step = (owner: string, queue: () => ProvisioningDeps["queue"]) => async (key: string): Promise<StepResult> => {
      if (running.has(key)) overlaps.push(`${key} on ${owner}`);
      running.add(key);
      runs.set(key, (runs.get(key) ?? 0) + 1);
      await sleep(key.endsWith("7") ? 300 : 5 + Math.random() * 20);
      // A request made while the step runs (a user's action): it must run once more afterwards.
      if (again.delete(key)) await queue().enqueue(key, null, Date.now());
      running.delete(key);
      return DONE;
    };
    let depsA: ProvisioningDeps | null = null;
    let depsB: ProvisioningDeps | null = null;
    const a = server(temp.prisma, { owner: "a", step: step("a", () => depsA!.queue) });
    const b = server(temp.reopen(), { owner: "b", step: step("b", () => depsB!.queue) });
    depsA = a.deps;
    depsB = b.deps;
    const keys = [...Array.from({ length: 60 }, (_, i) => `vm:${i}`), "mci:1", "watch:c1"];
    await a.deps.queue.enqueueMany(keys.map((key, i) => ({ key, connection: key.startsWith("vm:") ? `c${i % 4}` : null })), Date.now());
    await Promise.all([a.runner.start(), b.runner.start()]);
    await eventually(() => a.deps.queue.size(), (n) => n === 0, "the queue emptied");
    expect(overlaps).toEqual([]);
    expect(keys.filter((k) => !runs.has(k))).toEqual([]);
    expect(runs.get("vm:3")).toBeGreaterThanOrEqual(2);
    expect(runs.get("mci:1")).toBeGreaterThanOrEqual(2);
  });

  it("renews the lease of a step that outlasts it, so no other server takes its item while it runs", async () => {
    temp = tempDatabase();
    const clock = new ManualClock(Date.now());
    const lease = 10_000;
    let finish: (() => void) | null = null;
    const a = server(temp.prisma, { owner: "a", leaseMs: lease, renewEveryMs: 50, step: () => new Promise<StepResult>((resolve) => (finish = () => resolve(DONE))) }, clock);
    const other = stores(temp.reopen()).queue;
    await a.deps.queue.enqueue("vm:long", "c1", clock.now());
    await a.runner.start();
    await eventually(async () => finish, (f) => f !== null, "the step started");
    // A minute of the step, in steps shorter than the lease: each time the holder renews it.
    for (let i = 0; i < 8; i++) {
      clock.advance(lease * 0.8);
      await eventually(() => temp.prisma.workItem.findUnique({ where: { key: "vm:long" } }), (w) => w?.leaseUntil === clock.now() + lease, "the lease was renewed");
      expect(await other.claim("b", clock.now(), lease, 10)).toEqual([]);
    }
    finish!();
    await eventually(() => a.deps.queue.size(), (n) => n === 0, "the step completed");
  });

  it("takes over an item whose holder died once its lease runs out", async () => {
    temp = tempDatabase();
    const ran: string[] = [];
    const b = server(temp.reopen(), { owner: "b", leaseMs: 5_000, step: async (key) => (ran.push(key), DONE) });
    await b.deps.queue.enqueue("vm:1", "c1", Date.now());
    // A server claimed it, then died: nobody renews its lease.
    const [held] = await stores(temp.prisma).queue.claim("dead", Date.now(), 400, 10);
    expect(held.key).toBe("vm:1");
    await b.runner.start();
    await sleep(150);
    expect(ran).toEqual([]);
    await eventually(async () => ran, (r) => r.length === 1, "the survivor ran the dead server's item");
    await eventually(() => b.deps.queue.size(), (n) => n === 0, "the item completed");
  });

  it("runs work that another server enqueued, with no kick, and gives back what it claimed and never started when it stops", async () => {
    temp = tempDatabase();
    const ran: string[] = [];
    const b = server(temp.reopen(), { owner: "b", step: async (key) => (ran.push(key), DONE) });
    await b.runner.start();
    await sleep(100);
    await stores(temp.prisma).queue.enqueue("mci:x", null, Date.now());
    await eventually(async () => ran, (r) => r.includes("mci:x"), "the idle server noticed the new item");

    const blocked: (() => void)[] = [];
    const c = server(temp.prisma, { owner: "c", step: () => new Promise<StepResult>((resolve) => blocked.push(() => resolve(DONE))) });
    await b.runner.stop();
    // Two slots per connection: the third item of c1 is claimed only when a slot frees.
    await c.deps.queue.enqueueMany(["vm:1", "vm:2", "vm:3"].map((key) => ({ key, connection: "c1" })), Date.now());
    await c.runner.start();
    await eventually(async () => blocked.length, (n) => n === 2, "two steps started");
    const stopping = c.runner.stop();
    await sleep(50);
    blocked.forEach((release) => release());
    await stopping;
    const q = c.deps.queue;
    expect(await q.size()).toBe(1);
    expect(await q.owners()).toEqual([]);
  });
});
