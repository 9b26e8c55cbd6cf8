import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

describe("group commit", () => {
  it("commits writes that arrive together in one batch, within the size limit, in order", async () => {
    const batches: number[][] = [];
    const g = new GroupCommit<number>(async (items) => void batches.push(items), 10);
    await Promise.all([g.add(1, 4), g.add(2, 4), g.add(3, 4), g.add(4, 1)]);
    expect(batches).toEqual([[1, 2], [3, 4]]);
    await g.add(5, 50); // larger than the limit: alone
    expect(batches.at(-1)).toEqual([5]);
  });

  it("rejects every caller of a failed batch and goes on with the next", async () => {
    let calls = 0;
    const g = new GroupCommit<string>(async (items) => {
      calls++;
      if (items.includes("bad")) throw new Error("disk full");
    }, 100);
    const [a, b] = await Promise.allSettled([g.add("ok", 1), g.add("bad", 1)]);
    expect(a.status).toBe("rejected");
    expect(b.status).toBe("rejected");
    await expect(g.add("later", 1)).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it("with isolate, commits the items of a failed batch one by one: only the bad one's caller fails", async () => {
    const committed: string[][] = [];
    const g = new GroupCommit<string>(async (items) => {
      if (items.includes("bad")) throw new Error("constraint failed");
      committed.push(items);
    }, 100, { isolate: true });
    const results = await Promise.allSettled([g.add("a", 1), g.add("bad", 1), g.add("b", 1)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(committed).toEqual([["a"], ["b"]]);
  });
});
