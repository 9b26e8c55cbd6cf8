import { NotFoundError } from "@/lib/core/errors";
import type { ConnectionConfig } from "@/lib/drivers/types";
import type { ConnectionView } from "@/lib/validation/connections";
import type { Connection, PrismaClient } from "./generated/prisma/client";
import { audited, inTransaction } from "./audit-scope";
import { insertUnique } from "./unique";

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
  private readonly configs = new Map<string, ConnectionConfig>();

  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<ConnectionView[]> {
    return (await this.prisma.connection.findMany({ orderBy: { name: "asc" } })).map(toView);
  }

  async find(name: string): Promise<ConnectionView | null> {
    const c = await this.prisma.connection.findUnique({ where: { name } });
    return c ? toView(c) : null;
  }

  /**
   * What a driver is bound to, for the reconciler's every step. These fields never change for a
   * name (a connection is removed and added again, never edited), so they are kept in memory.
   */
  async config(name: string): Promise<ConnectionConfig | null> {
    const hit = this.configs.get(name);
    if (hit) return hit;
    const c = await this.prisma.connection.findUnique({ where: { name } });
    if (!c) return null;
    const config: ConnectionConfig = { name: c.name, driver: c.driver, provider: c.provider, region: c.region, credential: c.credential };
    this.configs.set(name, config);
    return config;
  }

  async get(name: string): Promise<ConnectionView> {
    const c = await this.prisma.connection.findUnique({ where: { name } });
    if (!c) throw new NotFoundError(`connection "${name}" does not exist; GET /api/v1/connections lists them`);
    return toView(c);
  }

  /**
   * Adds a connection. With `checkCredential`, the vault's row for its credential (or null when
   * there is none) is handed to the check in the same transaction, after the insert: the insert
   * takes the write lock first, so a credential deleted at the same moment is either seen gone
   * here or sees this connection and refuses to go.
   */
  async create(c: NewConnection, checkCredential?: (found: { provider: string } | null) => void): Promise<ConnectionView> {
    const row = await insertUnique(
      "Connection",
      () =>
        checkCredential
          ? inTransaction(this.prisma, async (tx) => {
              const created = await tx.connection.create({ data: c });
              // A namespace's SSH key is Barista's, not a credential a connection may name.
              checkCredential(await tx.credential.findFirst({ where: { name: c.credential, namespace: null }, select: { provider: true } }));
              return created;
            })
          : audited(this.prisma, (tx) => tx.connection.create({ data: c })),
      () => `connection "${c.name}" already exists; choose another name or remove it first`,
      "name",
    );
    return toView(row);
  }

  /** Adds the ones not there yet; used for the built-in connections at first start. */
  async createMissing(list: NewConnection[]): Promise<number> {
    const have = new Set((await this.prisma.connection.findMany({ select: { name: true } })).map((c) => c.name));
    const missing = list.filter((c) => !have.has(c.name));
    if (missing.length) await this.prisma.connection.createMany({ data: missing });
    return missing.length;
  }

  async remove(name: string): Promise<void> {
    this.configs.delete(name);
    const { count } = await audited(this.prisma, (tx) => tx.connection.deleteMany({ where: { name } }));
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
