import { afterEach, describe, expect, it, vi } from "vitest";
import { stores } from "./index";
import { tempDatabase, type TempDatabase } from "./testing";

let temp: TempDatabase;
afterEach(async () => {
  vi.restoreAllMocks();
  await temp?.cleanup();
});

/** An MCI of `n` VMs in a fresh database, straight through the repository. */
async function mciOf(n: number) {
  temp = tempDatabase();
  const s = stores(temp.prisma);
  await s.mci.createNamespace({ name: "ns", description: "", sshPublicKey: "" });
  const vms = Array.from({ length: n }, (_, i) => ({ id: `vm-${i}`, name: `web-${i}`, subGroupId: "sg", connection: "aws-us-east-1", regionKey: "aws-us-east-1", specId: "t3.micro", imageId: "img" }));
  await s.mci.createMci({ id: "mci-1", namespace: "ns", name: "web", description: "", policy: "continue" }, [{ id: "sg", name: "web", connection: "aws-us-east-1", regionKey: "aws-us-east-1", specId: "t3.micro", imageId: "img", count: n }], vms);
  return s;
}

const rows = () => temp.prisma.vm.findMany({ orderBy: { id: "asc" } });

describe("batched VM patches", () => {
  it("lands the patches of steps running at once together, in one transaction, each with its own values", async () => {
    const s = await mciOf(300);
    const transactions = vi.spyOn(temp.prisma, "$transaction");
    const before = s.mci.version("mci-1");
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        s.mci.patchVm({ id: `vm-${i}`, mciId: "mci-1", fields: i % 3 === 0 ? { createAttempted: true } : { status: "Running", cloudId: `i-${i}`, publicIp: i % 2 ? `203.0.113.${i % 250}` : null, createAttempted: true, lastError: null } }),
      ),
    );
    // One group commit for all 300 (it holds up to 500), a few statements in it.
    expect(transactions).toHaveBeenCalledTimes(1);
    const after = await rows();
    expect(after.every((r) => r.createAttempted)).toBe(true);
    const byId = new Map(after.map((r) => [r.id, r]));
    expect(byId.get("vm-0")).toMatchObject({ status: "Creating", cloudId: null });
    expect(byId.get("vm-1")).toMatchObject({ status: "Running", cloudId: "i-1", publicIp: "203.0.113.1" });
    expect(byId.get("vm-2")).toMatchObject({ status: "Running", cloudId: "i-2", publicIp: null });
    expect(byId.get("vm-299")).toMatchObject({ status: "Running", cloudId: "i-299" });
    expect(s.mci.version("mci-1")).toBeGreaterThan(before);
  });

  it("applies two patches of one row in one batch in order: the later value of a column wins, other columns stay", async () => {
    const s = await mciOf(2);
    await Promise.all([
      s.mci.patchVm({ id: "vm-0", mciId: "mci-1", fields: { status: "Creating", cloudId: "i-0", zone: "a" } }),
      s.mci.patchVm({ id: "vm-0", mciId: "mci-1", fields: { status: "Running" } }),
    ]);
    expect((await rows())[0]).toMatchObject({ id: "vm-0", status: "Running", cloudId: "i-0", zone: "a" });
  });

  it("fails the patch of a row that is gone, as an update did, and lands the others of its batch", async () => {
    const s = await mciOf(2);
    const [gone, kept] = await Promise.allSettled([
      s.mci.patchVm({ id: "vm-gone", mciId: "mci-1", fields: { createAttempted: true } }),
      s.mci.patchVm({ id: "vm-1", mciId: "mci-1", fields: { createAttempted: true } }),
    ]);
    expect(gone).toMatchObject({ status: "rejected", reason: { message: "VM vm-gone no longer exists" } });
    expect(kept.status).toBe("fulfilled");
    expect((await rows()).map((r) => r.createAttempted)).toEqual([false, true]);
    expect(await temp.prisma.vm.count()).toBe(2);
  });

  it("retries a failed batch one patch at a time: a passing failure loses no patch, and each caller hears only its own error", async () => {
    const s = await mciOf(20);
    const real = temp.prisma.$transaction.bind(temp.prisma);
    let calls = 0;
    vi.spyOn(temp.prisma, "$transaction").mockImplementation(((arg: never) => {
      calls++;
      if (calls === 1) return Promise.reject(new Error("database is locked"));
      // Then one at a time, in the batch's order: the patch of vm-13 fails again (say, it breaks a
      // constraint), and only its caller hears of it.
      if (calls === 2 + 13) return Promise.reject(new Error("constraint failed"));
      return real(arg);
    }) as never);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => s.mci.patchVm({ id: `vm-${i}`, mciId: "mci-1", fields: { status: "Running", cloudId: `i-${i}` } })));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(results[13]).toMatchObject({ status: "rejected", reason: { message: "constraint failed" } });
    vi.restoreAllMocks();
    const after = await rows();
    expect(after.filter((r) => r.status === "Running").map((r) => r.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `vm-${i}`).filter((id) => id !== "vm-13").sort());
  });

  it("commits a watch's patches with the work they call for, or neither", async () => {
    const s = await mciOf(3);
    await s.mci.patchVms([{ id: "vm-0", mciId: "mci-1", fields: { status: "Running", cloudId: "i-0" } }], s.queue.enqueueManyStatements([{ key: "mci:mci-1", connection: null }], 5));
    expect((await rows())[0]).toMatchObject({ status: "Running" });
    expect(await s.queue.claim("test", 10, 60_000, 10)).toMatchObject([{ key: "mci:mci-1", dueAt: 5 }]);

    // A statement that fails in the same transaction takes the patches with it.
    const broken = temp.prisma.$executeRaw`INSERT INTO "WorkItem" ("key", "dueAt") VALUES (${null}, ${1})`;
    await expect(s.mci.patchVms([{ id: "vm-1", mciId: "mci-1", fields: { status: "Running", cloudId: "i-1" } }], [broken])).rejects.toThrow();
    expect((await rows())[1]).toMatchObject({ status: "Creating", cloudId: null });
  });
});
