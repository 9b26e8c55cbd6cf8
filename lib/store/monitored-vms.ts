import type { PrismaClient, Vm } from "./generated/prisma/client";

/** What monitoring needs to know about a VM: where it runs, what it belongs to, how to find it. */
export interface MonitoredVm {
  id: string;
  name: string;
  mciId: string;
  namespace: string;
  connection: string;
  status: string;
  cloudId: string | null;
  publicIp: string | null;
  createdAt: number;
  updatedAt: number;
}

const SELECT = { id: true, name: true, mciId: true, namespace: true, connection: true, status: true, cloudId: true, publicIp: true, createdAt: true, updatedAt: true } as const;

function toMonitored(v: Pick<Vm, keyof typeof SELECT>): MonitoredVm {
  return { ...v, createdAt: v.createdAt.getTime(), updatedAt: v.updatedAt.getTime() };
}

/** Read-only views of the VM table for monitoring (provisioning owns the writes). */
export class MonitoredVmRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<MonitoredVm[]> {
    return (await this.prisma.vm.findMany({ select: SELECT, orderBy: { id: "asc" } })).map(toMonitored);
  }

  async find(id: string): Promise<MonitoredVm | null> {
    const v = await this.prisma.vm.findUnique({ where: { id }, select: SELECT });
    return v ? toMonitored(v) : null;
  }

  /** By Barista's id or the cloud's id for the VM. */
  async findByAnyId(id: string): Promise<MonitoredVm | null> {
    const v = await this.prisma.vm.findFirst({ where: { OR: [{ id }, { cloudId: id }] }, select: SELECT, orderBy: { id: "asc" } });
    return v ? toMonitored(v) : null;
  }

  async findByPublicIp(ip: string): Promise<MonitoredVm | null> {
    const v = await this.prisma.vm.findFirst({ where: { publicIp: ip }, select: SELECT });
    return v ? toMonitored(v) : null;
  }

  async inMci(mciId: string): Promise<MonitoredVm[]> {
    return (await this.prisma.vm.findMany({ where: { mciId }, select: SELECT, orderBy: { name: "asc" } })).map(toMonitored);
  }

  async countInMci(mciId: string): Promise<number> {
    return this.prisma.vm.count({ where: { mciId } });
  }

  async inNamespace(namespace: string): Promise<MonitoredVm[]> {
    return (await this.prisma.vm.findMany({ where: { namespace }, select: SELECT, orderBy: { name: "asc" } })).map(toMonitored);
  }

  async mciExists(id: string): Promise<boolean> {
    return (await this.prisma.mci.count({ where: { id } })) > 0;
  }

  async namespaceExists(name: string): Promise<boolean> {
    return (await this.prisma.namespace.count({ where: { name } })) > 0;
  }
}
