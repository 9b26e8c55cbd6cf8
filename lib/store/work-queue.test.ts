import { afterEach, describe, expect, it, vi } from "vitest";
import { tempDatabase, type TempDatabase } from "./testing";
import { WorkQueueRepository } from "./work-queue";

let temp: TempDatabase;
afterEach(async () => {
  vi.restoreAllMocks();
  await temp?.cleanup();
});

describe("work queue", () => {
  it("enqueues many keys over several statements in one go, each once, keeping an earlier due time and bumping the generation of a key already queued", async () => {
    temp = tempDatabase();
    const q = new WorkQueueRepository(temp.prisma);
    await q.enqueue("vm:0", "c0", 50);
    const items = Array.from({ length: 1_200 }, (_, i) => ({ key: `vm:${i}`, connection: `c${i % 7}` }));
    await q.enqueueMany([...items, items[3]], 100);
    expect(await q.size()).toBe(1_200);
    const due = await q.claim("server-a", 1_000, 30_000, 2_000);
    expect(due).toHaveLength(1_200);
    const first = due.find((d) => d.key === "vm:0")!;
    expect(first).toMatchObject({ dueAt: 50, generation: 1, connection: "c0" });
    expect(due.find((d) => d.key === "vm:3")).toMatchObject({ dueAt: 100, generation: 0, connection: "c3" });
    expect(due.find((d) => d.key === "vm:1199")).toMatchObject({ dueAt: 100, connection: `c${1199 % 7}` });
    await q.enqueueMany([], 0);
    expect(await q.size()).toBe(1_200);
  });

  it("commits the enqueues, completes and reschedules of steps running at once in one transaction, each touching only its generation", async () => {
    temp = tempDatabase();
    const q = new WorkQueueRepository(temp.prisma);
    await q.enqueueMany(["a", "b", "c", "d"].map((k) => ({ key: k, connection: null })), 100);
    const claimed = new Map((await q.claim("test", 1_000, 60_000, 10)).map((it) => [it.key, it]));
    const [a, b, c, d] = ["a", "b", "c", "d"].map((k) => claimed.get(k)!);
    await q.enqueue("c", null, 500); // c asked for again while its step runs: generation 1
    const transactions = vi.spyOn(temp.prisma, "$transaction");
    await Promise.all([
      q.complete(a),
      q.reschedule(b, 700, 2),
      q.complete(c), // the generation the step ran: leaves the newer request
      q.reschedule(d, 900, 1),
      q.enqueue("d", null, 50), // a newer request for d in the same batch: earlier, wins over the reschedule
      q.enqueue("e", "x", 300),
      q.enqueue("e", "x", 200), // twice in one batch: queued once, at the earlier time
    ]);
    expect(transactions).toHaveBeenCalledTimes(1);
    // Every item left is free again: the ended steps gave their leases back, c's newer request too.
    const left = Object.fromEntries((await q.claim("later", 10_000, 60_000, 10)).map((it) => [it.key, it]));
    expect(Object.keys(left).sort()).toEqual(["b", "c", "d", "e"]);
    expect(left.b).toMatchObject({ dueAt: 700, attempts: 2, generation: 0 });
    expect(left.c).toMatchObject({ dueAt: 100, generation: 1 });
    expect(left.d).toMatchObject({ dueAt: 50, generation: 1 });
    expect(left.e).toMatchObject({ dueAt: 200, connection: "x", generation: 0 });
  });
});
