import { randomUUID } from "node:crypto";
import { plural } from "@/lib/core/plural";
import { ConflictError, NotFoundError } from "@/lib/core/errors";
import type { ConnectionConfig } from "@/lib/drivers/types";
import type { ConnectionView } from "@/lib/validation/connections";
import type { Connection, PrismaClient, SshHost } from "./generated/prisma/client";
import { audited, inTransaction } from "./audit-scope";
import { insertUnique } from "./unique";

export interface NewConnection {
  name: string;
  provider: string;
  region: string;
  regionKey: string;
  driver: string;
  credential: string;
  /** ssh connections: where the servers stand, and the servers. */
  location?: { latitude: number; longitude: number };
  hosts?: { address: string; port: number; name?: string }[];
}

type ConnectionRow = Connection & { hosts?: SshHost[] };

const WITH_HOSTS = { hosts: { orderBy: [{ address: "asc" as const }, { port: "asc" as const }] } };

function toView(c: ConnectionRow): ConnectionView {
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
    location: c.latitude !== null && c.longitude !== null ? { latitude: c.latitude, longitude: c.longitude } : null,
    hosts: (c.hosts ?? []).map((h) => ({ address: h.address, port: h.port, name: h.name, free: h.vmId === null, vm: h.vmId ? (h.vmName ?? h.vmId) : null, facts: h.facts ? JSON.parse(h.facts) : null })),
  };
}

function rowOf(c: NewConnection) {
  const { location, hosts: _hosts, ...rest } = c;
  return { ...rest, latitude: location?.latitude ?? null, longitude: location?.longitude ?? null };
}

function hostRows(c: NewConnection) {
  return (c.hosts ?? []).map((h) => ({ id: `host-${randomUUID()}`, connection: c.name, address: h.address, port: h.port, name: h.name ?? (h.port === 22 ? h.address : `${h.address}:${h.port}`) }));
}

/**
 * How long a connection's driver fields are kept in memory. Another server sharing the database may
 * remove a connection and add one of the same name with other fields; after this long, this server
 * sees it too.
 */
const CONFIG_TTL_MS = 10_000;

export class ConnectionRepository {
  private readonly configs = new Map<string, { config: ConnectionConfig; at: number }>();

  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<ConnectionView[]> {
    return (await this.prisma.connection.findMany({ orderBy: { name: "asc" }, include: WITH_HOSTS })).map(toView);
  }

  async find(name: string): Promise<ConnectionView | null> {
    const c = await this.prisma.connection.findUnique({ where: { name }, include: WITH_HOSTS });
    return c ? toView(c) : null;
  }

  /**
   * What a driver is bound to, for the reconciler's every step. These fields never change for a
   * name (a connection is removed and added again, never edited), so they are kept in memory for a
   * few seconds (a removal on another server is seen within CONFIG_TTL_MS).
   */
  async config(name: string): Promise<ConnectionConfig | null> {
    const now = Date.now();
    const hit = this.configs.get(name);
    if (hit && now - hit.at < CONFIG_TTL_MS) return hit.config;
    const c = await this.prisma.connection.findUnique({ where: { name } });
    if (!c) {
      this.configs.delete(name);
      return null;
    }
    const config: ConnectionConfig = { name: c.name, driver: c.driver, provider: c.provider, region: c.region, credential: c.credential };
    this.configs.set(name, { config, at: now });
    return config;
  }

  async get(name: string): Promise<ConnectionView> {
    const c = await this.prisma.connection.findUnique({ where: { name }, include: WITH_HOSTS });
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
    const hosts = hostRows(c);
    const row = await insertUnique(
      "Connection",
      () =>
        checkCredential
          ? inTransaction(this.prisma, async (tx) => {
              const created = await tx.connection.create({ data: rowOf(c) });
              if (hosts.length) await tx.sshHost.createMany({ data: hosts });
              // A namespace's SSH key is Barista's, not a credential a connection may name.
              checkCredential(await tx.credential.findFirst({ where: { name: c.credential, namespace: null }, select: { provider: true } }));
              return created;
            })
          : audited(this.prisma, async (tx) => {
              const created = await tx.connection.create({ data: rowOf(c) });
              if (hosts.length) await tx.sshHost.createMany({ data: hosts });
              return created;
            }),
      () => `connection "${c.name}" already exists; choose another name or remove it first`,
      "name",
    );
    return (await this.find(row.name)) ?? toView(row);
  }

  /** Adds the ones not there yet; used for the built-in connections at first start. */
  async createMissing(list: NewConnection[]): Promise<number> {
    const have = new Set((await this.prisma.connection.findMany({ select: { name: true } })).map((c) => c.name));
    const missing = list.filter((c) => !have.has(c.name));
    if (missing.length) await this.prisma.connection.createMany({ data: missing.map(rowOf) });
    return missing.length;
  }

  /**
   * Removes a connection, its hosts and its network records; refused (409) while a VM holds one
   * of its hosts, checked in the same transaction as the delete so a claim cannot slip between.
   */
  async remove(name: string): Promise<void> {
    this.configs.delete(name);
    const count = await inTransaction(this.prisma, async (tx) => {
      // Writing the hosts' rows first (a write that changes nothing) locks them: a claim another
      // server is committing is waited for and then seen by the check, and a later one waits for
      // the delete and finds no host. On SQLite it takes the database's write lock before any read.
      await tx.$executeRaw`UPDATE "SshHost" SET "connection" = "connection" WHERE "connection" = ${name}`;
      const held = await tx.sshHost.findMany({ where: { connection: name, vmId: { not: null } }, select: { name: true, vmName: true } });
      if (held.length) {
        const shown = held.slice(0, 3).map((h) => `${h.name} (VM ${h.vmName})`).join(", ");
        throw new ConflictError(`connection "${name}" still lends ${plural(held.length, "host")} to VMs: ${shown}${held.length > 3 ? " …" : ""}; terminate those VMs first`);
      }
      await tx.sshResource.deleteMany({ where: { connection: name } });
      return (await tx.connection.deleteMany({ where: { name } })).count;
    });
    if (count === 0) throw new NotFoundError(`connection "${name}" does not exist`);
  }

  async recordVerify(name: string, ok: boolean, message: string, at: Date): Promise<void> {
    await this.prisma.connection.updateMany({ where: { name }, data: { verifiedAt: at, verifyOk: ok, verifyMessage: message } });
  }

  /** Connections that stand at a place of their own (ssh: your servers), for the map. */
  async sites(): Promise<{ name: string; region: string; regionKey: string; latitude: number; longitude: number }[]> {
    const rows = await this.prisma.connection.findMany({ where: { latitude: { not: null }, longitude: { not: null } }, select: { name: true, region: true, regionKey: true, latitude: true, longitude: true }, orderBy: { name: "asc" } });
    return rows.map((r) => ({ name: r.name, region: r.region, regionKey: r.regionKey, latitude: r.latitude!, longitude: r.longitude! }));
  }

  async namesByRegion(): Promise<Map<string, string[]>> {
    const rows = await this.prisma.connection.findMany({ select: { name: true, regionKey: true }, orderBy: { name: "asc" } });
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.regionKey, [...(map.get(r.regionKey) ?? []), r.name]);
    return map;
  }
}
