import { ConflictError } from "@/lib/core/errors";
import type { ClaimData, ClaimRequest, HostFacts, SshHostRecord, SshHostStore, SshResourceKind, SshResourceRecord } from "@/lib/drivers/ssh/host-store";
import type { PrismaClient, SshHost, SshResource } from "./generated/prisma/client";
import { uniqueViolation } from "./unique";

/** A claim lost to another one this many times in a row means something else is wrong. */
const CLAIM_ATTEMPTS = 50;

function fromRow(h: SshHost): SshHostRecord {
  return {
    id: h.id,
    connection: h.connection,
    address: h.address,
    port: h.port,
    name: h.name,
    vmId: h.vmId,
    clientToken: h.clientToken,
    vmName: h.vmName,
    tags: JSON.parse(h.tags),
    claim: h.vmId ? (JSON.parse(h.claim) as ClaimData) : null,
    claimedAt: h.claimedAt?.getTime() ?? null,
    facts: h.facts ? (JSON.parse(h.facts) as HostFacts) : null,
  };
}

function fromResource(r: SshResource): SshResourceRecord {
  return { id: r.id, connection: r.connection, kind: r.kind as SshResourceKind, name: r.name, tags: JSON.parse(r.tags), data: JSON.parse(r.data) };
}

const FREE = { vmId: null, clientToken: null, vmName: null, tags: "{}", claim: "{}", claimedAt: null };

/** The ssh connections' hosts, claims and network records in the server's database. */
export class PrismaSshHostStore implements SshHostStore {
  constructor(private readonly prisma: PrismaClient) {}

  async hosts(connection: string): Promise<SshHostRecord[]> {
    return (await this.prisma.sshHost.findMany({ where: { connection }, orderBy: [{ address: "asc" }, { port: "asc" }] })).map(fromRow);
  }

  async location(connection: string): Promise<{ latitude: number; longitude: number } | null> {
    const c = await this.prisma.connection.findUnique({ where: { name: connection }, select: { latitude: true, longitude: true } });
    return c && c.latitude !== null && c.longitude !== null ? { latitude: c.latitude, longitude: c.longitude } : null;
  }

  async byVmId(connection: string, vmId: string): Promise<SshHostRecord | null> {
    const h = await this.prisma.sshHost.findUnique({ where: { vmId } });
    return h && h.connection === connection ? fromRow(h) : null;
  }

  /**
   * A compare-and-set on one free row: the update only takes a row whose vmId is still null, so
   * of two claims racing for one host exactly one wins and the other tries the next. The unique
   * (connection, clientToken) makes a repeated claim find the first one's host instead of a second.
   */
  async claim(connection: string, req: ClaimRequest, skip: ReadonlySet<string> = new Set()): Promise<SshHostRecord | null> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      if (req.clientToken) {
        const held = await this.prisma.sshHost.findFirst({ where: { connection, clientToken: req.clientToken } });
        if (held) return fromRow(held);
      }
      const free = await this.prisma.sshHost.findFirst({ where: { connection, vmId: null, id: { notIn: [...skip] } }, orderBy: [{ address: "asc" }, { port: "asc" }] });
      if (!free) return null;
      try {
        const { count } = await this.prisma.sshHost.updateMany({
          where: { id: free.id, vmId: null },
          data: { vmId: req.vmId, clientToken: req.clientToken, vmName: req.vmName, tags: JSON.stringify(req.tags), claim: JSON.stringify(req.claim), claimedAt: new Date(req.at) },
        });
        if (count === 1) return fromRow(await this.prisma.sshHost.findUniqueOrThrow({ where: { id: free.id } }));
      } catch (e) {
        // The same client token took another host at this moment: the loop finds that one.
        if (!uniqueViolation(e)) throw e;
      }
    }
    throw new ConflictError(`could not claim a host of ${connection}: ${CLAIM_ATTEMPTS} claims in a row lost their host to others; try again`);
  }

  async release(connection: string, vmId: string): Promise<boolean> {
    return (await this.prisma.sshHost.updateMany({ where: { connection, vmId }, data: FREE })).count === 1;
  }

  async setFacts(hostId: string, facts: HostFacts, at: number): Promise<void> {
    await this.prisma.sshHost.updateMany({ where: { id: hostId }, data: { facts: JSON.stringify(facts), factsAt: new Date(at) } });
  }

  async insertResource(r: SshResourceRecord): Promise<void> {
    try {
      await this.prisma.sshResource.create({ data: { id: r.id, connection: r.connection, kind: r.kind, name: r.name, tags: JSON.stringify(r.tags), data: JSON.stringify(r.data) } });
    } catch (e) {
      if (uniqueViolation(e)) throw new ConflictError(`a ${r.kind} named "${r.name}" already exists in ${r.connection}; choose another name`);
      throw e;
    }
  }

  async resource(connection: string, id: string): Promise<SshResourceRecord | null> {
    const r = await this.prisma.sshResource.findUnique({ where: { id } });
    return r && r.connection === connection ? fromResource(r) : null;
  }

  async resources(connection: string, kind: SshResourceKind): Promise<SshResourceRecord[]> {
    return (await this.prisma.sshResource.findMany({ where: { connection, kind }, orderBy: { createdAt: "asc" } })).map(fromResource);
  }

  async removeResource(connection: string, id: string): Promise<void> {
    await this.prisma.sshResource.deleteMany({ where: { connection, id } });
  }
}
