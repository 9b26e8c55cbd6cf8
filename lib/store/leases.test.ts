import { afterEach, describe, expect, it } from "vitest";
import { LeaseRepository } from "./leases";
import { ServerNodeRepository } from "./server-nodes";
import { tempDatabase, type TempDatabase } from "./testing";

let temp: TempDatabase;
afterEach(async () => temp?.cleanup());

describe("leases", () => {
  it("lets one holder have a lease at a time, renew it while it holds, and another take it only once it ran out", async () => {
    temp = tempDatabase();
    const a = new LeaseRepository(temp.prisma);
    const b = new LeaseRepository(temp.reopen());
    expect(await a.acquire("leader", "a", 0, 10_000)).toBe(true);
    expect(await b.acquire("leader", "b", 5_000, 15_000)).toBe(false);
    expect(await a.acquire("leader", "a", 5_000, 15_000)).toBe(true);
    expect(await b.acquire("leader", "b", 14_999, 24_999)).toBe(false);
    expect(await b.acquire("leader", "b", 15_001, 25_001)).toBe(true);
    expect(await a.acquire("leader", "a", 15_002, 25_002)).toBe(false);
    expect(await a.find("leader")).toEqual({ name: "leader", holder: "b", until: 25_001 });
    await a.release("leader", "a");
    expect((await a.find("leader"))?.holder).toBe("b");
    await b.release("leader", "b");
    expect(await a.acquire("leader", "a", 15_003, 25_003)).toBe(true);
  });

  it("gives a lease to exactly one of many servers asking at once", async () => {
    temp = tempDatabase();
    const clients = [temp.prisma, temp.reopen(), temp.reopen()];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => new LeaseRepository(clients[i % 3]).acquire("leader", `s${i}`, 1_000, 11_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe("server nodes", () => {
  it("records each server's heartbeat and tells the live from the dead", async () => {
    temp = tempDatabase();
    const nodes = new ServerNodeRepository(temp.prisma);
    await nodes.beat({ id: "a", host: "h1", pid: 1, startedAt: 0, seenAt: 1_000 });
    await nodes.beat({ id: "b", host: "h2", pid: 2, startedAt: 0, seenAt: 1_000 });
    await nodes.beat({ id: "a", host: "h1", pid: 1, startedAt: 0, seenAt: 20_000 });
    expect(await nodes.aliveSince(5_000)).toEqual(["a"]);
    expect((await nodes.list()).find((n) => n.id === "a")).toMatchObject({ startedAt: 0, seenAt: 20_000 });
    expect(await nodes.forgetBefore(5_000)).toBe(1);
    await nodes.remove("a");
    expect(await nodes.list()).toEqual([]);
  });
});
