import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// An MCI's watchers find changed VMs by "Vm"."updatedAt". Prisma's model API sets it on every
// update; raw SQL does not, so every raw UPDATE of "Vm" must set it itself, or its change is
// seen only at the watch's next full read, a minute later.

/** Raw UPDATE statements of the "Vm" table in a source text that do not set "updatedAt". */
function updatesWithoutUpdatedAt(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/UPDATE\s+"Vm"(?!\w)[\s\S]*?(?:`|;)/g)) if (!/"updatedAt"\s*=/.test(m[0])) out.push(m[0].slice(0, 120));
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : sources(p);
    return /\.(ts|mjs)$/.test(e.name) && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("raw writes of VM rows", () => {
  it("are told apart: a statement that sets updatedAt passes, one that does not is found", () => {
    expect(updatesWithoutUpdatedAt('await tx.$executeRaw`UPDATE "Vm" SET "status" = ${s}, "updatedAt" = ${now} WHERE "id" = ${id}`')).toEqual([]);
    expect(updatesWithoutUpdatedAt('await tx.$executeRaw`UPDATE "Vm" SET "status" = ${s} WHERE "id" = ${id}`')).toHaveLength(1);
  });

  it("all set updatedAt, in every file of lib/ and scripts/", () => {
    const root = path.resolve(__dirname, "../..");
    const found = [...sources(path.join(root, "lib")), ...sources(path.join(root, "scripts"))].flatMap((file) => updatesWithoutUpdatedAt(readFileSync(file, "utf8")).map((s) => `${path.relative(root, file)}: ${s}`));
    expect(found).toEqual([]);
  });
});
