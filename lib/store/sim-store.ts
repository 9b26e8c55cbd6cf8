import { SimTakenError, type SimKind, type SimPlacement, type SimRecord, type SimScope, type SimStore } from "@/lib/drivers/sim/store";
import { uniqueViolation } from "./unique";
import type { PrismaClient } from "./generated/prisma/client";
import type { SimResource } from "./generated/prisma/client";

function fromRow(r: SimResource): SimRecord {
  return {
    id: r.id,
    account: r.account,
    regionKey: r.regionKey,
    kind: r.kind as SimKind,
    name: r.name,
    status: r.status,
    tags: JSON.parse(r.tags),
    data: JSON.parse(r.data),
    vcpu: r.vcpu,
    subnetId: r.subnetId,
    privateIp: r.privateIp,
    publicIp: r.publicIp,
    clientToken: r.clientToken,
    pendingOp: r.pendingOp,
    opOutcome: r.opOutcome,
    opDoneAt: r.opDoneAt ? r.opDoneAt.getTime() : null,
    createdAt: r.createdAt.getTime(),
    updatedAt: r.updatedAt.getTime(),
  };
}

function toRow(p: Partial<SimRecord>) {
  const { tags, data, opDoneAt, createdAt, updatedAt, ...rest } = p;
  return {
    ...rest,
    ...(tags !== undefined ? { tags: JSON.stringify(tags) } : {}),
    ...(data !== undefined ? { data: JSON.stringify(data) } : {}),
    ...(opDoneAt !== undefined ? { opDoneAt: opDoneAt === null ? null : new Date(opDoneAt) } : {}),
    ...(createdAt !== undefined ? { createdAt: new Date(createdAt) } : {}),
    ...(updatedAt !== undefined ? { updatedAt: new Date(updatedAt) } : {}),
  };
}

/** The simulated clouds' state in the server's database. */
export class PrismaSimStore implements SimStore {
  constructor(private readonly prisma: PrismaClient) {}

  async insert(record: SimRecord): Promise<void> {
    const { id, account, regionKey, kind, name, status } = record;
    try {
      await this.prisma.simResource.create({ data: { ...toRow(record), id, account, regionKey, kind, name, status } });
    } catch (e) {
      if (uniqueViolation(e)) throw new SimTakenError();
      throw e;
    }
  }

  async updateIfPending(id: string, pending: { pendingOp: string | null; opDoneAt: number | null }, patch: Partial<Omit<SimRecord, "id">>): Promise<boolean> {
    const where = { id, pendingOp: pending.pendingOp, opDoneAt: pending.opDoneAt === null ? null : new Date(pending.opDoneAt) };
    return (await this.prisma.simResource.updateMany({ where, data: toRow(patch) })).count === 1;
  }

  async update(id: string, patch: Partial<Omit<SimRecord, "id">>): Promise<void> {
    await this.prisma.simResource.update({ where: { id }, data: toRow(patch) });
  }

  async get(id: string): Promise<SimRecord | null> {
    const r = await this.prisma.simResource.findUnique({ where: { id } });
    return r ? fromRow(r) : null;
  }

  async list(scope: SimScope, kind: SimKind): Promise<SimRecord[]> {
    const rows = await this.prisma.simResource.findMany({ where: { ...scope, kind }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map(fromRow);
  }

  async placements(scope: SimScope): Promise<SimPlacement[]> {
    return this.prisma.simResource.findMany({ where: { ...scope, kind: "vm" }, select: { id: true, clientToken: true, vcpu: true, subnetId: true, privateIp: true } });
  }

  async findByClientToken(scope: SimScope, kind: SimKind, token: string): Promise<SimRecord | null> {
    const r = await this.prisma.simResource.findFirst({ where: { ...scope, kind, clientToken: token } });
    return r ? fromRow(r) : null;
  }

  async isPublicIpTaken(ip: string): Promise<boolean> {
    return (await this.prisma.simResource.count({ where: { publicIp: ip } })) > 0;
  }

  async remove(id: string): Promise<void> {
    await this.prisma.simResource.deleteMany({ where: { id } });
    await this.prisma.simHostState.deleteMany({ where: { vmId: id } });
  }

  async hostState(vmId: string): Promise<{ json: string; version: string } | null> {
    const row = await this.prisma.simHostState.findUnique({ where: { vmId } });
    return row && { json: row.state, version: row.version };
  }

  async saveHostState(vmId: string, json: string, version: string): Promise<void> {
    await this.prisma.simHostState.upsert({ where: { vmId }, create: { vmId, state: json, version }, update: { state: json, version } });
  }
}
