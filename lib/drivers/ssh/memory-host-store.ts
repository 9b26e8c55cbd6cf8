import { ConflictError } from "@/lib/core/errors";
import type { ClaimRequest, HostFacts, SshHostRecord, SshHostStore, SshResourceKind, SshResourceRecord } from "./host-store";

/** Hosts and records in memory, for tests that need no database; one process makes claims atomic. */
export function memorySshHosts(): SshHostStore & {
  addConnection(connection: string, location: { latitude: number; longitude: number }, hosts: { address: string; port?: number; name?: string }[]): void;
} {
  const hosts: SshHostRecord[] = [];
  const locations = new Map<string, { latitude: number; longitude: number }>();
  const resources = new Map<string, SshResourceRecord>();
  let next = 0;
  const copy = (h: SshHostRecord) => structuredClone(h);
  return {
    addConnection(connection, location, list) {
      locations.set(connection, location);
      for (const h of list) {
        hosts.push({ id: `host-${++next}`, connection, address: h.address, port: h.port ?? 22, name: h.name ?? h.address, vmId: null, clientToken: null, vmName: null, tags: {}, claim: null, claimedAt: null, facts: null });
      }
    },
    async hosts(connection) {
      return hosts.filter((h) => h.connection === connection).map(copy);
    },
    async location(connection) {
      return locations.get(connection) ?? null;
    },
    async byVmId(connection, vmId) {
      const h = hosts.find((x) => x.connection === connection && x.vmId === vmId);
      return h ? copy(h) : null;
    },
    async claim(connection, req: ClaimRequest, skip) {
      const mine = hosts.filter((h) => h.connection === connection);
      const held = req.clientToken ? mine.find((h) => h.clientToken === req.clientToken) : undefined;
      if (held) return copy(held);
      const free = mine.find((h) => h.vmId === null && !skip?.has(h.id));
      if (!free) return null;
      Object.assign(free, { vmId: req.vmId, clientToken: req.clientToken, vmName: req.vmName, tags: req.tags, claim: req.claim, claimedAt: req.at });
      return copy(free);
    },
    async release(connection, vmId) {
      const h = hosts.find((x) => x.connection === connection && x.vmId === vmId);
      if (!h) return false;
      Object.assign(h, { vmId: null, clientToken: null, vmName: null, tags: {}, claim: null, claimedAt: null });
      return true;
    },
    async setFacts(hostId: string, facts: HostFacts) {
      const h = hosts.find((x) => x.id === hostId);
      if (h) h.facts = facts;
    },
    async insertResource(record) {
      if ([...resources.values()].some((r) => r.connection === record.connection && r.kind === record.kind && r.name === record.name)) {
        throw new ConflictError(`a ${record.kind} named "${record.name}" already exists in ${record.connection}`);
      }
      resources.set(record.id, structuredClone(record));
    },
    async resource(connection, id) {
      const r = resources.get(id);
      return r && r.connection === connection ? structuredClone(r) : null;
    },
    async resources(connection, kind: SshResourceKind) {
      return [...resources.values()].filter((r) => r.connection === connection && r.kind === kind).map((r) => structuredClone(r));
    },
    async removeResource(connection, id) {
      if (resources.get(id)?.connection === connection) resources.delete(id);
    },
  };
}
