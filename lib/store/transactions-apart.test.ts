import { afterEach, describe, expect, it } from "vitest";
import { tempDatabase, type TempDatabase } from "./testing";

let temp: TempDatabase;
afterEach(async () => temp?.cleanup());

describe("a statement outside a transaction", () => {
  it("is kept when a transaction open at the same time rolls back, and is not part of it", async () => {
    temp = tempDatabase();
    const prisma = temp.prisma;
    await prisma.setting.create({ data: { key: "inside", value: "before" } });
    let opened = () => {};
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    let letGo = () => {};
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const failing = prisma
      .$transaction(async (tx) => {
        await tx.setting.update({ where: { key: "inside" }, data: { value: "changed" } });
        opened();
        await held;
        throw new Error("rolled back");
      })
      .catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
    await isOpen;
    // Another request writes and reads while the transaction is open (a Prisma query runs once it is awaited).
    const outside = prisma.$executeRaw`INSERT INTO "Setting" ("key", "value") VALUES (${"outside"}, ${"kept"})`.then((n) => n);
    const read = prisma.$queryRaw<{ value: string }[]>`SELECT "value" FROM "Setting" WHERE "key" = ${"inside"}`.then((rows) => rows[0].value);
    await new Promise((r) => setTimeout(r, 100));
    letGo();
    expect(await failing).toBe("rolled back");
    expect(await outside).toBe(1);
    // It never saw what the transaction had not committed.
    expect(await read).toBe("before");
    expect(await prisma.setting.findUnique({ where: { key: "outside" } })).toMatchObject({ value: "kept" });
    expect(await prisma.setting.findUnique({ where: { key: "inside" } })).toMatchObject({ value: "before" });
  });
});
