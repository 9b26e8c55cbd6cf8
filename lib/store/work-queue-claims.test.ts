import { afterEach, describe, expect, it } from "vitest";
import { tempDatabase, type TempDatabase } from "./testing";
import { WorkQueueRepository } from "./work-queue";

let temp: TempDatabase;
afterEach(async () => temp?.cleanup());

const LEASE = 30_000;

describe("work queue claims", () => {
  it("gives each due item to one of two servers claiming at once, never to both", async () => {
    temp = tempDatabase();
    const a = new WorkQueueRepository(temp.prisma);
    const b = new WorkQueueRepository(temp.reopen());
    await a.enqueueMany(
      Array.from({ length: 300 }, (_, i) => ({ key: i % 3 ? `vm:${i}` : `mci:${i}`, connection: i % 3 ? `c${i % 5}` : null })),
      100,
    );
    const taken = new Map<string, string[]>();
    const drain = async (q: WorkQueueRepository, who: string) => {
      for (;;) {
        const got = await q.claim(who, 1_000, LEASE, 7);
        if (!got.length) return;
        for (const item of got) taken.set(item.key, [...(taken.get(item.key) ?? []), who]);
      }
    };
    await Promise.all([drain(a, "a"), drain(b, "b"), drain(a, "a2"), drain(b, "b2")]);
    expect(taken.size).toBe(300);
    expect([...taken.values()].filter((owners) => owners.length > 1)).toEqual([]);
    // Both servers took part (each claim is small, so neither can take everything in one go).
    const owners = new Set([...taken.values()].map((o) => o[0][0]));
    expect(owners).toEqual(new Set(["a", "b"]));
  });

  it("claims MCI steps and watches ahead of VM steps, earliest first, and skips connections it is told are full", async () => {
    temp = tempDatabase();
    const q = new WorkQueueRepository(temp.prisma);
    await q.enqueue("vm:1", "c1", 10);
    await q.enqueue("vm:2", "c2", 20);
    await q.enqueue("watch:c1", "c1", 40);
    await q.enqueue("mci:1", null, 30);
    await q.enqueue("vm:later", "c1", 5_000);
    const got = await q.claim("a", 1_000, LEASE, 10, ["c2"]);
    expect(got.map((i) => i.key)).toEqual(["mci:1", "watch:c1", "vm:1"]);
    expect(got.every((i) => i.owner === "a")).toBe(true);
    expect((await q.claim("a", 1_000, LEASE, 10)).map((i) => i.key)).toEqual(["vm:2"]);
  });

  it("keeps a held item from other servers until its lease runs out, then lets another take it; the first holder can then neither complete nor move it", async () => {
    temp = tempDatabase();
    const q = new WorkQueueRepository(temp.prisma);
    await q.enqueue("vm:1", "c1", 100);
    const [first] = await q.claim("a", 1_000, LEASE, 10);
    expect(first).toMatchObject({ key: "vm:1", owner: "a", generation: 0 });
    expect(await q.claim("b", 1_000 + LEASE - 1, LEASE, 10)).toEqual([]);
    // While held, the next claimable time is the lease's end, not the due time long past.
    expect(await q.nextDueAt()).toBe(1_000 + LEASE);
    const [taken] = await q.claim("b", 1_000 + LEASE, LEASE, 10);
    expect(taken).toMatchObject({ key: "vm:1", owner: "b" });
    await q.complete(first);
    await q.reschedule(first, 99_999_999, 3);
    expect(await q.size()).toBe(1);
    expect(await q.nextDueAt()).toBe(1_000 + 2 * LEASE);
    await q.complete(taken);
    expect(await q.size()).toBe(0);
  });

  it("renews the leases of the items a server holds, so a long step keeps its item", async () => {
    temp = tempDatabase();
    const q = new WorkQueueRepository(temp.prisma);
    await q.enqueueMany([{ key: "vm:1", connection: "c" }, { key: "vm:2", connection: "c" }], 0);
    await q.claim("a", 1_000, LEASE, 1);
    expect(await q.renew("a", ["vm:1", "vm:2"], 20_000, LEASE)).toBe(1);
    expect(await q.claim("b", 1_000 + LEASE + 1, LEASE, 10)).toMatchObject([{ key: "vm:2", owner: "b" }]);
    expect(await q.claim("b", 20_000 + LEASE - 1, LEASE, 10)).toEqual([]);
    expect(await q.renew("nobody", ["vm:1"], 20_000, LEASE)).toBe(0);
  });

  it("never loses a request that came in while its step ran: the newer generation stays due and free after complete", async () => {
    temp = tempDatabase();
    const q = new WorkQueueRepository(temp.prisma);
    await q.enqueue("mci:1", null, 500);
    const [item] = await q.claim("a", 1_000, LEASE, 10);
    await q.enqueue("mci:1", null, 2_000);
    await q.complete(item);
    expect(await q.nextDueAt()).toBe(500);
    const [again] = await q.claim("b", 1_000, LEASE, 10);
    expect(again).toMatchObject({ key: "mci:1", generation: 1, owner: "b" });
    await q.reschedule(again, 9_000, 2);
    expect(await q.nextDueAt()).toBe(9_000);
    expect(await q.claim("c", 8_999, LEASE, 10)).toEqual([]);
    expect(await q.claim("c", 9_000, LEASE, 10)).toMatchObject([{ key: "mci:1", attempts: 2, generation: 1 }]);
  });

  it("frees the items of a server that stopped or died, at once", async () => {
    temp = tempDatabase();
    const q = new WorkQueueRepository(temp.prisma);
    await q.enqueueMany(["vm:1", "vm:2", "vm:3"].map((key) => ({ key, connection: "c" })), 0);
    await q.claim("dead", 1_000, LEASE, 2);
    await q.claim("alive", 1_000, LEASE, 1);
    expect((await q.owners()).sort()).toEqual(["alive", "dead"]);
    expect(await q.releaseOwners(["dead"])).toBe(2);
    expect((await q.claim("other", 1_000, LEASE, 10)).map((i) => i.key).sort()).toEqual(["vm:1", "vm:2"]);
    expect(await q.release("alive")).toBe(1);
    expect(await q.claim("other", 1_000, LEASE, 10)).toMatchObject([{ key: "vm:3" }]);
  });
});
