import type { AuditEntry, Prisma, PrismaClient } from "./generated/prisma/client";
import type { AuditRecord } from "./audit-scope";
import { isPostgres } from "./db";

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

/** The audit log: appended to, read, never edited (the API has no route that could). */
export class AuditRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** For a request that changed nothing in the database (refused, or an action outside it). */
  async append(record: AuditRecord, result: string): Promise<void> {
    await this.prisma.auditEntry.create({ data: { ...record, result } });
  }

  /** Newest first. */
  async list(f: AuditFilter): Promise<AuditEntry[]> {
    // SQLite's LIKE ignores case; PostgreSQL's needs asking (the SQLite client's types lack `mode`).
    const like = (text: string) => (isPostgres(this.prisma) ? ({ contains: text, mode: "insensitive" } as Prisma.StringFilter) : { contains: text });
    const where: Prisma.AuditEntryWhereInput = {
      ...(f.actor ? { actor: like(f.actor) } : {}),
      ...(f.action ? { action: like(f.action) } : {}),
      ...(f.target ? { target: like(f.target) } : {}),
      ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
    };
    return this.prisma.auditEntry.findMany({ where, orderBy: { id: "desc" }, take: f.limit });
  }
}
