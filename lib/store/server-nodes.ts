import type { PrismaClient } from "./generated/prisma/client";

export interface ServerNodeRow {
  id: string;
  host: string;
  pid: number;
  startedAt: number;
  seenAt: number;
}

/** The servers sharing this database, each with the time it last said it was alive. */
export class ServerNodeRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Records the server, or says it is still alive (same row, `seenAt` moves on). */
  async beat(node: ServerNodeRow): Promise<void> {
    const { id, host, pid, startedAt, seenAt } = node;
    await this.prisma.serverNode.upsert({ where: { id }, create: { id, host, pid, startedAt, seenAt }, update: { seenAt } });
  }

  list(): Promise<ServerNodeRow[]> {
    return this.prisma.serverNode.findMany({ orderBy: { startedAt: "asc" } });
  }

  /** Ids of the servers seen at or after `since`. */
  async aliveSince(since: number): Promise<string[]> {
    return (await this.prisma.serverNode.findMany({ where: { seenAt: { gte: since } }, select: { id: true } })).map((n) => n.id);
  }

  /** A server that stops cleanly leaves at once, so nobody waits for its heartbeat to age. */
  async remove(id: string): Promise<void> {
    await this.prisma.serverNode.deleteMany({ where: { id } });
  }

  /** Forgets servers dead for long (their rows only tell history); answers how many went. */
  async forgetBefore(before: number): Promise<number> {
    return (await this.prisma.serverNode.deleteMany({ where: { seenAt: { lt: before } } })).count;
  }
}
