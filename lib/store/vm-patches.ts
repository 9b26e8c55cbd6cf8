import { Prisma, type PrismaClient, type Vm } from "./generated/prisma/client";

/** The text columns the reconciler writes on a VM row as it follows the cloud. */
type VmTextColumn = "status" | "statusReason" | "history" | "cloudId" | "publicIp" | "privateIp" | "zone" | "lastError";
const TEXT_COLUMNS: readonly VmTextColumn[] = ["status", "statusReason", "history", "cloudId", "publicIp", "privateIp", "zone", "lastError"];

/** What the reconciler records on a VM row: plain values only, so many rows can go in one statement. */
export type VmFields = Partial<Pick<Vm, VmTextColumn | "createAttempted">>;

export interface VmPatchItem {
  id: string;
  mciId: string;
  fields: VmFields;
}

/**
 * Rows per UPDATE: each row brings two parameters per column it sets plus its id, so 200 rows of
 * the widest patch take about 3,400, well under SQLite's 32,766 and PostgreSQL's 65,535.
 */
const ROWS_PER_STATEMENT = 200;

/** Several patches of one row in one batch: the later value of a column wins, as it would applied in turn. */
function merge(items: VmPatchItem[]): VmPatchItem[] {
  const byId = new Map<string, VmPatchItem>();
  for (const it of items) {
    const seen = byId.get(it.id);
    byId.set(it.id, seen ? { ...seen, fields: { ...seen.fields, ...it.fields } } : it);
  }
  return [...byId.values()];
}

/**
 * The statements that apply patches to VM rows: one multi-row UPDATE per set of columns (a CASE
 * on the id per column) instead of one statement per row, with the rows each should touch. Only
 * text columns vary per row; the boolean is one parameter per statement (rows are grouped by its
 * value), so PostgreSQL never has to guess a parameter's type inside a CASE.
 */
export function vmPatchStatements(prisma: Pick<PrismaClient, "$executeRaw">, items: VmPatchItem[], now: Date): { statements: Prisma.PrismaPromise<number>[]; rows: number[] } {
  const groups = new Map<string, VmPatchItem[]>();
  for (const it of merge(items)) {
    const columns = TEXT_COLUMNS.filter((c) => it.fields[c] !== undefined);
    const key = `${columns.join(",")}|${it.fields.createAttempted ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), it]);
  }
  const statements: Prisma.PrismaPromise<number>[] = [];
  const counts: number[] = [];
  for (const group of groups.values()) {
    const columns = TEXT_COLUMNS.filter((c) => group[0].fields[c] !== undefined);
    const attempted = group[0].fields.createAttempted;
    for (let i = 0; i < group.length; i += ROWS_PER_STATEMENT) {
      const rows = group.slice(i, i + ROWS_PER_STATEMENT);
      const sets = columns.map((c) => {
        const cases = Prisma.join(rows.map((r) => Prisma.sql`WHEN ${r.id} THEN ${r.fields[c] ?? null}`), " ");
        return Prisma.sql`${Prisma.raw(`"${c}"`)} = CASE "id" ${cases} END`;
      });
      if (attempted !== undefined) sets.push(Prisma.sql`"createAttempted" = ${attempted}`);
      // "updatedAt" by hand, as every raw update of "Vm" must: the MCI's watchers find changes by it.
      statements.push(prisma.$executeRaw`UPDATE "Vm" SET "updatedAt" = ${now}${sets.length ? Prisma.sql`, ${Prisma.join(sets)}` : Prisma.empty} WHERE "id" IN (${Prisma.join(rows.map((r) => r.id))})`);
      counts.push(rows.length);
    }
  }
  return { statements, rows: counts };
}
