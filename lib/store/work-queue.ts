import { isPostgres } from "./db";
import { Prisma, type PrismaClient } from "./generated/prisma/client";
import { GroupCommit } from "./group-commit";

/** The earlier of the queued and the new due time (SQLite's MIN(a, b) is not PostgreSQL's LEAST). */
const EARLIER_DUE = Prisma.sql`CASE WHEN "WorkItem"."dueAt" <= excluded."dueAt" THEN "WorkItem"."dueAt" ELSE excluded."dueAt" END`;

/** Rows per INSERT of enqueueMany: three parameters each, far below SQLite's limit. */
const ROWS_PER_STATEMENT = 500;
/** Queue changes committed together at most: one transaction of a few statements. */
const CHANGES_PER_BATCH = 500;

/** One change to the queue, as enqueue, complete and reschedule make it. */
type QueueChange =
  | { kind: "enqueue"; key: string; connection: string | null; dueAt: number }
  | { kind: "complete"; key: string; generation: number; owner: string }
  | { kind: "reschedule"; key: string; generation: number; owner: string; dueAt: number; attempts: number };

export interface WorkItemRow {
  key: string;
  connection: string | null;
  dueAt: number;
  attempts: number;
  generation: number;
  /** The server holding the item's lease (set on items a claim answered). */
  owner: string | null;
}

/**
 * The reconciler's durable queue, shared by every server on the database. An item exists once per
 * key; enqueueing it again bumps its generation and keeps the earlier due time, so a step that
 * finishes while a new request came in never deletes that request (complete/reschedule only touch
 * the generation they took). A server runs an item's step only under its lease (claim), renews the
 * lease while the step runs, and complete/reschedule act only for the holder.
 */
export class WorkQueueRepository {
  /**
   * enqueue, complete and reschedule of steps running at once go in one transaction: a step's
   * queue writes had cost a statement and a commit each. Every caller still waits for its own
   * change to be committed, so what it does next follows it as before.
   */
  private readonly changes = new GroupCommit<QueueChange>((batch) => this.apply(batch), CHANGES_PER_BATCH, { isolate: true });

  private readonly counts = new Map<string, { n: number; at: number }>();

  constructor(private readonly prisma: PrismaClient) {}

  enqueue(key: string, connection: string | null, dueAt: number): Promise<void> {
    return this.changes.add({ kind: "enqueue", key, connection, dueAt }, 1);
  }

  /** Queues rows of (key, connection, dueAt, 0, 0); a key already queued keeps the earlier due time and bumps its generation. */
  private upsert(values: Prisma.Sql): Prisma.PrismaPromise<number> {
    return this.prisma.$executeRaw`
      INSERT INTO "WorkItem" ("key", "connection", "dueAt", "attempts", "generation") VALUES ${values}
      ON CONFLICT ("key") DO UPDATE SET "generation" = "WorkItem"."generation" + 1, "dueAt" = ${EARLIER_DUE}`;
  }

  /**
   * One batch of changes. The changes of one batch come from callers running at once, none
   * waiting for another, so no order among them is owed; in any order the outcome is the same: an
   * enqueue bumps the generation, so a complete or reschedule of the generation a step ran leaves
   * a newer request alone whether it comes before or after it. Completed or rescheduled items
   * that were enqueued again meanwhile stay due and lose the lease, free for any server.
   */
  private async apply(batch: QueueChange[]): Promise<void> {
    const statements: Prisma.PrismaPromise<number>[] = [];
    const enqueued = new Map<string, { key: string; connection: string | null; dueAt: number }>();
    for (const c of batch) {
      if (c.kind !== "enqueue") continue;
      // A key twice in one INSERT … ON CONFLICT is an error in PostgreSQL: keep the earliest due time.
      const seen = enqueued.get(c.key);
      enqueued.set(c.key, seen && seen.dueAt <= c.dueAt ? seen : c);
    }
    const items = [...enqueued.values()];
    for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
      const values = Prisma.join(items.slice(i, i + ROWS_PER_STATEMENT).map((it) => Prisma.sql`(${it.key}, ${it.connection}, ${it.dueAt}, 0, 0)`));
      statements.push(this.upsert(values));
    }
    const completes = batch.filter((c) => c.kind === "complete");
    for (let i = 0; i < completes.length; i += ROWS_PER_STATEMENT) {
      const which = Prisma.join(completes.slice(i, i + ROWS_PER_STATEMENT).map((c) => Prisma.sql`("key" = ${c.key} AND "generation" = ${c.generation} AND "owner" = ${c.owner})`), " OR ");
      statements.push(this.prisma.$executeRaw`DELETE FROM "WorkItem" WHERE ${which}`);
    }
    for (const c of batch) {
      if (c.kind !== "reschedule") continue;
      statements.push(this.prisma.$executeRaw`
        UPDATE "WorkItem" SET "dueAt" = ${c.dueAt}, "attempts" = ${c.attempts}, "owner" = NULL, "leaseUntil" = NULL
        WHERE "key" = ${c.key} AND "generation" = ${c.generation} AND "owner" = ${c.owner}`);
    }
    // What is still held of those keys was enqueued again during its step: give the lease back.
    const ended = batch.filter((c) => c.kind !== "enqueue");
    for (let i = 0; i < ended.length; i += ROWS_PER_STATEMENT) {
      const which = Prisma.join(ended.slice(i, i + ROWS_PER_STATEMENT).map((c) => Prisma.sql`("key" = ${c.key} AND "owner" = ${c.owner})`), " OR ");
      statements.push(this.prisma.$executeRaw`UPDATE "WorkItem" SET "owner" = NULL, "leaseUntil" = NULL WHERE ${which}`);
    }
    await this.prisma.$transaction(statements);
  }

  /**
   * Many keys with one due time, as enqueue does for each: one transaction, a statement per 500
   * rows (10,000 VMs of a new MCI had cost 10,000 statements, each through the query engine).
   * A key given twice is queued once.
   */
  async enqueueMany(items: { key: string; connection: string | null }[], dueAt: number): Promise<void> {
    const statements = this.enqueueManyStatements(items, dueAt);
    if (statements.length) await this.prisma.$transaction(statements);
  }

  /** enqueueMany's statements, not yet run: for a caller that commits them with changes of its own. */
  enqueueManyStatements(items: { key: string; connection: string | null }[], dueAt: number): Prisma.PrismaPromise<number>[] {
    const unique = [...new Map(items.map((it) => [it.key, it])).values()];
    const statements = [];
    for (let i = 0; i < unique.length; i += ROWS_PER_STATEMENT) {
      const values = Prisma.join(unique.slice(i, i + ROWS_PER_STATEMENT).map((it) => Prisma.sql`(${it.key}, ${it.connection}, ${dueAt}, 0, 0)`));
      statements.push(this.upsert(values));
    }
    return statements;
  }

  /**
   * Claims up to `limit` items due at `now` that no live lease holds, for `owner` until
   * `now + leaseMs`: watches and MCI steps ahead of VM steps (VM steps may be due far back,
   * longest first, and a burst of them must not starve the watches that follow VMs), earliest
   * first, none of the connections in `skip` (full on this server). One statement per kind: on
   * PostgreSQL its rows are locked with SKIP LOCKED, so servers claiming at once take different
   * items; SQLite has one writer at a time, which makes the same statement atomic there.
   */
  async claim(owner: string, now: number, leaseMs: number, limit: number, skip: readonly string[] = []): Promise<WorkItemRow[]> {
    const others = await this.claimKind(false, owner, now, leaseMs, limit, skip);
    const left = limit - others.length;
    return left > 0 ? [...others, ...(await this.claimKind(true, owner, now, leaseMs, left, skip))] : others;
  }

  private async claimKind(vms: boolean, owner: string, now: number, leaseMs: number, limit: number, skip: readonly string[]): Promise<WorkItemRow[]> {
    if (limit <= 0) return [];
    const kind = vms ? Prisma.sql`"key" LIKE ${"vm:%"}` : Prisma.sql`"key" NOT LIKE ${"vm:%"}`;
    const connections = skip.length ? Prisma.sql`AND ("connection" IS NULL OR "connection" NOT IN (${Prisma.join(skip)}))` : Prisma.empty;
    const lock = isPostgres(this.prisma) ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<Omit<WorkItemRow, "owner">[]>`
      UPDATE "WorkItem" SET "owner" = ${owner}, "leaseUntil" = ${now + leaseMs}
      WHERE "key" IN (
        SELECT "key" FROM "WorkItem"
        WHERE "dueAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now}) AND ${kind} ${connections}
        ORDER BY "dueAt" LIMIT ${limit} ${lock})
      RETURNING "key", "connection", "dueAt", "attempts", "generation"`;
    // RETURNING gives no order: keep the earliest first, as the claim chose them.
    return rows.map((r) => ({ ...r, dueAt: Number(r.dueAt), attempts: Number(r.attempts), generation: Number(r.generation), owner })).sort((a, b) => a.dueAt - b.dueAt);
  }

  /**
   * Pushes the leases `owner` holds on `keys` to `now + leaseMs` (a step may run long); answers
   * how many it still held. Only the keys the server is working on: an item whose end could not
   * be written must run out, not be held for ever.
   */
  async renew(owner: string, keys: readonly string[], now: number, leaseMs: number): Promise<number> {
    let held = 0;
    for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
      const chunk = keys.slice(i, i + ROWS_PER_STATEMENT);
      held += (await this.prisma.workItem.updateMany({ where: { owner, key: { in: chunk } }, data: { leaseUntil: now + leaseMs } })).count;
    }
    return held;
  }

  /** Gives back items `owner` holds (all of them, or those keys), due as they were, for any server to take. */
  async release(owner: string, keys?: readonly string[]): Promise<number> {
    const where = keys ? { owner, key: { in: [...keys] } } : { owner };
    return (await this.prisma.workItem.updateMany({ where, data: { owner: null, leaseUntil: null } })).count;
  }

  /** Frees the items of servers known to be dead, without waiting for their leases to run out. */
  async releaseOwners(owners: readonly string[]): Promise<number> {
    if (!owners.length) return 0;
    return (await this.prisma.workItem.updateMany({ where: { owner: { in: [...owners] } }, data: { owner: null, leaseUntil: null } })).count;
  }

  /** Owners holding items now (live or not): the sweep compares them with the live servers. */
  async owners(): Promise<string[]> {
    const rows = await this.prisma.workItem.findMany({ where: { owner: { not: null } }, distinct: ["owner"], select: { owner: true } });
    return rows.map((r) => r.owner as string);
  }

  /** When the next item may be claimed: its due time, or later while another's lease holds it. */
  async nextDueAt(): Promise<number | null> {
    const [row] = await this.prisma.$queryRaw<{ next: number | null }[]>`
      SELECT MIN(CASE WHEN "leaseUntil" IS NOT NULL AND "leaseUntil" > "dueAt" THEN "leaseUntil" ELSE "dueAt" END) AS "next" FROM "WorkItem"`;
    return row?.next === null || row?.next === undefined ? null : Number(row.next);
  }

  /**
   * The step of a claimed item is done: the item goes, unless it was enqueued again meanwhile
   * (a newer generation), which then stays due, free for any server. Only the holder acts.
   */
  complete(item: WorkItemRow): Promise<void> {
    if (!item.owner) return Promise.reject(new Error(`work item ${item.key} was not claimed`));
    return this.changes.add({ kind: "complete", key: item.key, generation: item.generation, owner: item.owner }, 1);
  }

  /** The claimed item runs again at `dueAt` (a newer request, due already, is left as it is); the lease ends. */
  reschedule(item: WorkItemRow, dueAt: number, attempts: number): Promise<void> {
    if (!item.owner) return Promise.reject(new Error(`work item ${item.key} was not claimed`));
    return this.changes.add({ kind: "reschedule", key: item.key, generation: item.generation, owner: item.owner, dueAt, attempts }, 1);
  }

  /**
   * Items whose key starts with `prefix`. `maxAgeMs` lets a caller that only paces itself by the
   * figure (the watches share a poll budget by it) take one counted that long ago in this process:
   * a count a second old moves a poll by a fraction of a second, and every watch pass had read it.
   */
  async countWithPrefix(prefix: string, maxAgeMs = 0): Promise<number> {
    const hit = this.counts.get(prefix);
    if (hit && maxAgeMs > 0 && Date.now() - hit.at <= maxAgeMs) return hit.n;
    const n = await this.prisma.workItem.count({ where: { key: { startsWith: prefix } } });
    this.counts.set(prefix, { n, at: Date.now() });
    return n;
  }

  async size(): Promise<number> {
    return this.prisma.workItem.count();
  }
}
