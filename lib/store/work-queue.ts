import { Prisma, type PrismaClient } from "./generated/prisma/client";
import { GroupCommit } from "./group-commit";

/** Rows per INSERT of enqueueMany: three parameters each, far below SQLite's limit. */
const ROWS_PER_STATEMENT = 500;
/** Queue changes committed together at most: one transaction of a few statements. */
const CHANGES_PER_BATCH = 500;

/** One change to the queue, as enqueue, complete and reschedule make it. */
type QueueChange =
  | { kind: "enqueue"; key: string; connection: string | null; dueAt: number }
  | { kind: "complete"; key: string; generation: number }
  | { kind: "reschedule"; key: string; generation: number; dueAt: number; attempts: number };

export interface WorkItemRow {
  key: string;
  connection: string | null;
  dueAt: number;
  attempts: number;
  generation: number;
}

/**
 * The reconciler's durable queue. An item exists once per key; enqueueing it again bumps its
 * generation and keeps the earlier due time, so a step that finishes while a new request came in
 * never deletes that request (complete/reschedule only touch the generation they took).
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

  /**
   * Queues rows of (key, connection, dueAt, 0, 0); a key already queued keeps the earlier due time
   * and bumps its generation. CASE, not two-argument MIN, so PostgreSQL runs it unchanged.
   */
  private upsert(values: Prisma.Sql): Prisma.PrismaPromise<number> {
    return this.prisma.$executeRaw`
      INSERT INTO "WorkItem" ("key", "connection", "dueAt", "attempts", "generation") VALUES ${values}
      ON CONFLICT ("key") DO UPDATE SET "generation" = "WorkItem"."generation" + 1,
        "dueAt" = CASE WHEN excluded."dueAt" < "WorkItem"."dueAt" THEN excluded."dueAt" ELSE "WorkItem"."dueAt" END`;
  }

  /**
   * One batch of changes. The changes of one batch come from callers running at once, none
   * waiting for another, so no order among them is owed; in any order the outcome is the same: an
   * enqueue bumps the generation, so a complete or reschedule of the generation a step ran leaves
   * a newer request alone whether it comes before or after it.
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
      const which = Prisma.join(completes.slice(i, i + ROWS_PER_STATEMENT).map((c) => Prisma.sql`("key" = ${c.key} AND "generation" = ${c.generation})`), " OR ");
      statements.push(this.prisma.$executeRaw`DELETE FROM "WorkItem" WHERE ${which}`);
    }
    for (const c of batch) {
      if (c.kind === "reschedule") statements.push(this.prisma.$executeRaw`UPDATE "WorkItem" SET "dueAt" = ${c.dueAt}, "attempts" = ${c.attempts} WHERE "key" = ${c.key} AND "generation" = ${c.generation}`);
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
   * Items due now, earliest first, with watches and MCI steps ahead of VM steps: VM steps may be
   * due far back (longest first), and a burst of them must not starve the watches that follow VMs.
   */
  async due(now: number, limit: number): Promise<WorkItemRow[]> {
    const where = { dueAt: { lte: now } };
    const others = await this.prisma.workItem.findMany({ where: { ...where, NOT: { key: { startsWith: "vm:" } } }, orderBy: { dueAt: "asc" }, take: limit });
    const vms = await this.prisma.workItem.findMany({ where: { ...where, key: { startsWith: "vm:" } }, orderBy: { dueAt: "asc" }, take: limit });
    return [...others, ...vms];
  }

  async nextDueAt(): Promise<number | null> {
    const first = await this.prisma.workItem.findFirst({ orderBy: { dueAt: "asc" }, select: { dueAt: true } });
    return first?.dueAt ?? null;
  }

  complete(item: WorkItemRow): Promise<void> {
    return this.changes.add({ kind: "complete", key: item.key, generation: item.generation }, 1);
  }

  /** Re-enqueued meanwhile: that newer request is due already, so it is left alone (the generation differs). */
  reschedule(item: WorkItemRow, dueAt: number, attempts: number): Promise<void> {
    return this.changes.add({ kind: "reschedule", key: item.key, generation: item.generation, dueAt, attempts }, 1);
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
