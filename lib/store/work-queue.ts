import { Prisma, type PrismaClient } from "./generated/prisma/client";

/** The earlier of the queued and the new due time (SQLite's MIN(a, b) is not PostgreSQL's LEAST). */
const EARLIER_DUE = Prisma.sql`CASE WHEN "WorkItem"."dueAt" <= excluded."dueAt" THEN "WorkItem"."dueAt" ELSE excluded."dueAt" END`;

/** Rows per INSERT of enqueueMany: three parameters each, far below SQLite's limit. */
const ROWS_PER_STATEMENT = 500;

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
  constructor(private readonly prisma: PrismaClient) {}

  async enqueue(key: string, connection: string | null, dueAt: number): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO "WorkItem" ("key", "connection", "dueAt", "attempts", "generation") VALUES (${key}, ${connection}, ${dueAt}, 0, 0)
      ON CONFLICT("key") DO UPDATE SET "generation" = "WorkItem"."generation" + 1, "dueAt" = ${EARLIER_DUE}`;
  }

  /**
   * Many keys with one due time, as enqueue does for each: one transaction, a statement per 500
   * rows (10,000 VMs of a new MCI had cost 10,000 statements, each through the query engine).
   * A key given twice is queued once.
   */
  async enqueueMany(items: { key: string; connection: string | null }[], dueAt: number): Promise<void> {
    const unique = [...new Map(items.map((it) => [it.key, it])).values()];
    if (!unique.length) return;
    const statements = [];
    for (let i = 0; i < unique.length; i += ROWS_PER_STATEMENT) {
      const values = Prisma.join(unique.slice(i, i + ROWS_PER_STATEMENT).map((it) => Prisma.sql`(${it.key}, ${it.connection}, ${dueAt}, 0, 0)`));
      statements.push(this.prisma.$executeRaw`
        INSERT INTO "WorkItem" ("key", "connection", "dueAt", "attempts", "generation") VALUES ${values}
        ON CONFLICT("key") DO UPDATE SET "generation" = "WorkItem"."generation" + 1, "dueAt" = ${EARLIER_DUE}`);
    }
    await this.prisma.$transaction(statements);
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

  async complete(item: WorkItemRow): Promise<void> {
    await this.prisma.workItem.deleteMany({ where: { key: item.key, generation: item.generation } });
  }

  async reschedule(item: WorkItemRow, dueAt: number, attempts: number): Promise<void> {
    // Re-enqueued meanwhile: that newer request is due already, so leave it alone.
    await this.prisma.workItem.updateMany({ where: { key: item.key, generation: item.generation }, data: { dueAt, attempts } });
  }

  async countWithPrefix(prefix: string): Promise<number> {
    return this.prisma.workItem.count({ where: { key: { startsWith: prefix } } });
  }

  async size(): Promise<number> {
    return this.prisma.workItem.count();
  }
}
