import type { Command, CommandVm, PrismaClient } from "./generated/prisma/client";
import { audited, setAuditTarget } from "./audit-scope";

export type { Command as CommandRow, CommandVm as CommandVmRow };
export type CommandWithVms = Command & { vms: CommandVm[] };

export interface NewCommand {
  id: string;
  mciId: string;
  namespace: string;
  command: string;
  subGroup: string | null;
  vmIds: string[] | null;
  timeoutSeconds: number;
  concurrency: number;
  createdBy: string;
  /** The server running it. */
  owner?: string | null;
}

export interface NewCommandVm {
  vmId: string;
  vmName: string;
  status: string;
  message?: string | null;
  endedAt?: Date | null;
}

/** What changed for one VM since the last write: output to append, fields to set. */
export interface CommandVmChange {
  vmId: string;
  stdout?: string;
  stderr?: string;
  set?: Partial<Pick<CommandVm, "status" | "exitCode" | "truncated" | "message" | "startedAt" | "endedAt">>;
}

/** Statuses of a VM that has not ended. */
const UNENDED = ["pending", "running"];
/** Rows per statement when a command over many VMs is made. */
const INSERT_CHUNK = 500;

/** Remote commands and each VM's part of them. */
export class CommandRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Records a new command and its VMs; in an audited request, the audit entry names it and its text. */
  async create(c: NewCommand, vms: NewCommandVm[]): Promise<void> {
    setAuditTarget(`${c.namespace}/${c.mciId}/commands/${c.id}: ${c.command}`);
    await audited(this.prisma, async (tx) => {
      await tx.command.create({ data: { ...c, vmIds: c.vmIds ? JSON.stringify(c.vmIds) : null, status: "running" } });
      for (let i = 0; i < vms.length; i += INSERT_CHUNK) {
        await tx.commandVm.createMany({ data: vms.slice(i, i + INSERT_CHUNK).map((v) => ({ commandId: c.id, vmId: v.vmId, vmName: v.vmName, status: v.status, message: v.message ?? null, endedAt: v.endedAt ?? null })) });
      }
    });
  }

  find(id: string): Promise<CommandWithVms | null> {
    return this.prisma.command.findUnique({ where: { id }, include: { vms: { orderBy: { vmName: "asc" } } } });
  }

  /** An MCI's commands, newest first, older than `before` when given; with how many VMs are in each status. */
  async list(mciId: string, opts: { limit: number; before?: string }): Promise<(Command & { statusCounts: Record<string, number> })[]> {
    const cursor = opts.before ? await this.prisma.command.findUnique({ where: { id: opts.before }, select: { createdAt: true, id: true } }) : null;
    const rows = await this.prisma.command.findMany({
      where: { mciId, ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: opts.limit,
    });
    const groups = rows.length
      ? await this.prisma.commandVm.groupBy({ by: ["commandId", "status"], where: { commandId: { in: rows.map((r) => r.id) } }, _count: { _all: true } })
      : [];
    const counts = new Map<string, Record<string, number>>();
    for (const g of groups) {
      const c = counts.get(g.commandId) ?? {};
      c[g.status] = g._count._all;
      counts.set(g.commandId, c);
    }
    return rows.map((r) => ({ ...r, statusCounts: counts.get(r.id) ?? {} }));
  }

  /**
   * Writes a batch of VM changes in one transaction: output is appended in the database (never
   * rewritten whole), so a write costs what changed, not what was kept.
   */
  async applyVmChanges(commandId: string, changes: CommandVmChange[]): Promise<void> {
    if (!changes.length) return;
    await this.prisma.$transaction(async (tx) => {
      for (const ch of changes) {
        if (ch.stdout || ch.stderr) {
          await tx.$executeRaw`UPDATE "CommandVm" SET "stdout" = "stdout" || ${ch.stdout ?? ""}, "stderr" = "stderr" || ${ch.stderr ?? ""} WHERE "commandId" = ${commandId} AND "vmId" = ${ch.vmId}`;
        }
        if (ch.set && Object.keys(ch.set).length) await tx.commandVm.update({ where: { commandId_vmId: { commandId, vmId: ch.vmId } }, data: ch.set });
      }
    });
  }

  /**
   * A command's status and each VM's state without its output, with the output's lengths: what
   * a server following a command another one runs compares between reads.
   */
  async progress(id: string): Promise<{ status: string; vms: (Omit<CommandVm, "stdout" | "stderr"> & { outLength: number; errLength: number })[] } | null> {
    const command = await this.prisma.command.findUnique({ where: { id }, select: { status: true } });
    if (!command) return null;
    const vms = await this.prisma.commandVm.findMany({ where: { commandId: id }, omit: { stdout: true, stderr: true }, orderBy: { vmName: "asc" } });
    const lengths = await this.prisma.$queryRaw<{ vmId: string; o: number | bigint; e: number | bigint }[]>`
      SELECT "vmId", length("stdout") AS "o", length("stderr") AS "e" FROM "CommandVm" WHERE "commandId" = ${id}`;
    const byVm = new Map(lengths.map((l) => [l.vmId, l]));
    return { status: command.status, vms: vms.map((v) => ({ ...v, outLength: Number(byVm.get(v.vmId)?.o ?? 0), errLength: Number(byVm.get(v.vmId)?.e ?? 0) })) };
  }

  /** The output of some of a command's VMs. */
  async output(id: string, vmIds: readonly string[]): Promise<Map<string, { stdout: string; stderr: string }>> {
    const rows = await this.prisma.commandVm.findMany({ where: { commandId: id, vmId: { in: [...vmIds] } }, select: { vmId: true, stdout: true, stderr: true } });
    return new Map(rows.map((r) => [r.vmId, { stdout: r.stdout, stderr: r.stderr }]));
  }

  /** Asks the server running a command to stop it: true when it was still running. */
  async requestCancel(id: string, at: Date): Promise<boolean> {
    return (await this.prisma.command.updateMany({ where: { id, status: "running" }, data: { cancelRequestedAt: at } })).count === 1;
  }

  /** Which of these commands another server was asked to cancel. */
  async cancelsRequested(ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.prisma.command.findMany({ where: { id: { in: [...ids] }, cancelRequestedAt: { not: null } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  async end(id: string, status: string, endedAt: Date): Promise<void> {
    await this.prisma.command.update({ where: { id }, data: { status, endedAt } });
  }

  /**
   * Commands whose server stopped or died can no longer be followed; they and their unended VMs
   * become `interrupted` (never succeeded). With `alive`, only those of servers not in it (and of
   * no known server); without, every running command (one server, at its start). Answers how many.
   */
  async interruptRunning(now: Date, message: string, alive?: readonly string[]): Promise<number> {
    const orphaned = alive ? { OR: [{ owner: null }, { owner: { notIn: [...alive] } }] } : {};
    return this.prisma.$transaction(async (tx) => {
      const running = await tx.command.findMany({ where: { status: "running", ...orphaned }, select: { id: true } });
      if (!running.length) return 0;
      const ids = running.map((r) => r.id);
      await tx.commandVm.updateMany({ where: { commandId: { in: ids }, status: { in: UNENDED } }, data: { status: "interrupted", message, endedAt: now } });
      await tx.command.updateMany({ where: { id: { in: ids } }, data: { status: "interrupted", endedAt: now } });
      return ids.length;
    });
  }
}
