import { ConflictError, NotFoundError } from "@/lib/core/errors";
import type { ConnectionView } from "@/lib/validation/connections";
import type { Connection, PrismaClient } from "./generated/prisma/client";

export interface NewConnection {
  name: string;
  provider: string;
  region: string;
  regionKey: string;
  driver: string;
  credential: string;
}

function toView(c: Connection): ConnectionView {
  return {
    name: c.name,
    provider: c.provider,
    region: c.region,
    regionKey: c.regionKey,
    driver: c.driver,
    credential: c.credential,
    createdAt: c.createdAt.toISOString(),
    verifiedAt: c.verifiedAt?.toISOString() ?? null,
    verifyOk: c.verifyOk,
    verifyMessage: c.verifyMessage,
  };
}

export class ConnectionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<ConnectionView[]> {
    return (await this.prisma.connection.findMany({ orderBy: { name: "asc" } })).map(toView);
  }

  async find(name: string): Promise<ConnectionView | null> {
    const c = await this.prisma.connection.findUnique({ where: { name } });
    return c ? toView(c) : null;
  }

  async get(name: string): Promise<ConnectionView> {
    const c = await this.prisma.connection.findUnique({ where: { name } });
    if (!c) throw new NotFoundError(`connection "${name}" does not exist; GET /api/v1/connections lists them`);
    return toView(c);
  }

  async create(c: NewConnection): Promise<ConnectionView> {
    const existing = await this.prisma.connection.findUnique({ where: { name: c.name } });
    if (existing) throw new ConflictError(`connection "${c.name}" already exists; choose another name or remove it first`);
    return toView(await this.prisma.connection.create({ data: c }));
  }

  /** Adds the ones not there yet; used for the built-in connections at first start. */
  async createMissing(list: NewConnection[]): Promise<number> {
    const have = new Set((await this.prisma.connection.findMany({ select: { name: true } })).map((c) => c.name));
    const missing = list.filter((c) => !have.has(c.name));
    if (missing.length) await this.prisma.connection.createMany({ data: missing });
    return missing.length;
  }

  async remove(name: string): Promise<void> {
    const { count } = await this.prisma.connection.deleteMany({ where: { name } });
    if (count === 0) throw new NotFoundError(`connection "${name}" does not exist`);
  }

  async recordVerify(name: string, ok: boolean, message: string, at: Date): Promise<void> {
    await this.prisma.connection.updateMany({ where: { name }, data: { verifiedAt: at, verifyOk: ok, verifyMessage: message } });
  }

  async namesByRegion(): Promise<Map<string, string[]>> {
    const rows = await this.prisma.connection.findMany({ select: { name: true, regionKey: true }, orderBy: { name: "asc" } });
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.regionKey, [...(map.get(r.regionKey) ?? []), r.name]);
    return map;
  }
}
