import { afterEach, describe, expect, it } from "vitest";
import { tempDatabase, type TempDatabase } from "./testing";
import { WorkQueueRepository } from "./work-queue";

let temp: TempDatabase;
afterEach(async () => temp?.cleanup());

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
});
