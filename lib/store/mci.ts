import { ConflictError, NotFoundError } from "@/lib/core/errors";
import { Prisma } from "./generated/prisma/client";
import type { Mci, MciEvent, Namespace, PrismaClient, SharedResource, SubGroup, Vm } from "./generated/prisma/client";
import type { HostFacts } from "@/lib/drivers/ssh/host-store";
import type { SealedCredential } from "./credentials";
import { audited, inTransaction } from "./audit-scope";
import { GroupCommit } from "./group-commit";
import { MciWatchReader } from "./mci-watch";
import { insertUnique } from "./unique";
import { vmPatchStatements, type VmPatchItem } from "./vm-patches";

export type { Mci, MciEvent, Namespace, SharedResource, SubGroup, Vm as VmRow };
/**
 * What an MCI's view needs of its ssh connections, which the catalogue does not know: where each
 * stands, and what the host each VM holds said of itself (by VM row id, the claim's client token).
 */
export interface HostPlaces {
  places: Record<string, { latitude: number; longitude: number; label: string }>;
  hosts: Record<string, { name: string; address: string; facts: HostFacts | null }>;
}
export type MciWithParts = Mci & { subGroups: SubGroup[]; vms: Vm[]; hostPlaces?: HostPlaces };
export type VmPatch = Prisma.VmUpdateInput;

/** An MCI with its subgroups, without its VMs: what a step needs before it knows which VMs to read. */
export type MciHead = Mci & { subGroups: SubGroup[] };

/** VMs of one MCI counted by what the MCI step decides on (a few dozen groups, however many VMs). */
export interface VmStateGroup {
  connection: string;
  status: string;
  desired: string;
  /** Whether the cloud never made these VMs (no cloud id). */
  noCloud: boolean;
  count: number;
}

/** What the fleet map reads of every MCI and VM. */
export interface FleetRows {
  mcis: Pick<Mci, "id" | "namespace" | "name" | "deleting">[];
  vms: Pick<Vm, "id" | "mciId" | "connection" | "regionKey" | "status" | "desired" | "rebootWanted" | "rebootDone">[];
  places: HostPlaces["places"];
}

export interface NewVm {
  id: string;
  name: string;
  subGroupId: string;
  connection: string;
  regionKey: string;
  specId: string;
  imageId: string;
}

export interface NewSubGroup {
  id: string;
  name: string;
  connection: string;
  regionKey: string;
  specId: string;
  imageId: string;
  count: number;
}

/** VM patches committed together at most (a batch is one transaction of a few multi-row UPDATEs). */
const PATCHES_PER_BATCH = 500;

/** VM rows per INSERT: twelve parameters each, far below SQLite's limit. */
const VMS_PER_STATEMENT = 500;

/**
 * New VM rows in plain multi-row INSERTs. Prisma's createMany compiles one query with every row's
 * parameters in it: for 10,000 VMs that compilation alone took seconds of the create call. The
 * other columns take the defaults of the schema, as createMany leaves them.
 */
async function insertVms(tx: Pick<PrismaClient, "$executeRaw">, mciId: string, namespace: string, vms: NewVm[]): Promise<void> {
  const now = new Date();
  const history = JSON.stringify([{ status: "Creating", at: now.getTime() }]);
  for (let i = 0; i < vms.length; i += VMS_PER_STATEMENT) {
    const values = Prisma.join(
      vms.slice(i, i + VMS_PER_STATEMENT).map((v) => Prisma.sql`(${v.id}, ${mciId}, ${v.subGroupId}, ${namespace}, ${v.name}, ${v.connection}, ${v.regionKey}, ${v.specId}, ${v.imageId}, ${history}, ${now}, ${now})`),
    );
    await tx.$executeRaw`INSERT INTO "Vm" ("id", "mciId", "subGroupId", "namespace", "name", "connection", "regionKey", "specId", "imageId", "history", "createdAt", "updatedAt") VALUES ${values}`;
  }
}

/** Namespaces, MCIs, their subgroups and VMs, events and the shared resources per connection. */
export class MciRepository {
  /**
   * A counter per MCI, bumped by every write here (the only writer of these tables), so a reader
   * can reuse a view built at the same version instead of rebuilding it for every poll.
   */
  private readonly versions = new Map<string, number>();
  /** Bumped with every MCI's counter and by deletes: the fleet's view is rebuilt only when it moved. */
  private fleetCounter = 0;

  /**
   * The reconciler's VM patches from steps running at once, in one transaction of multi-row
   * UPDATEs: a deployment of 1,000 VMs had paid a statement and a commit per patch, thousands
   * each through Prisma's client, on the server's one thread.
   */
  private readonly patches = new GroupCommit<VmPatchItem>((items) => this.applyPatches(items), PATCHES_PER_BATCH, { isolate: true });

  constructor(private readonly prisma: PrismaClient) {}

  /** The reads an MCI watch makes every tick, over the same database. */
  watchReader(): MciWatchReader {
    return new MciWatchReader(this.prisma, this);
  }

  version(mciId: string): number {
    return this.versions.get(mciId) ?? 0;
  }

  /** Moves whenever any MCI, VM or subgroup was written (or an MCI removed). */
  fleetVersion(): number {
    return this.fleetCounter;
  }

  private bump(mciId: string): void {
    this.versions.set(mciId, (this.versions.get(mciId) ?? 0) + 1);
    this.fleetCounter++;
  }

  listNamespaces(): Promise<Namespace[]> {
    return this.prisma.namespace.findMany({ orderBy: { name: "asc" } });
  }

  findNamespace(name: string): Promise<Namespace | null> {
    return this.prisma.namespace.findUnique({ where: { name } });
  }

  /**
   * A namespace and, when given, its SSH private key sealed for the vault: both rows or neither, so
   * a taken name leaves no key behind and no namespace is ever without its key.
   */
  createNamespace(ns: { name: string; description: string; sshPublicKey: string }, sshKey?: SealedCredential): Promise<Namespace> {
    return insertUnique(
      "Namespace",
      () =>
        inTransaction(this.prisma, async (tx) => {
          const created = await tx.namespace.create({ data: ns });
          if (sshKey) {
            // Replaces a key a namespace of the same name left behind (a namespace delete removes its key, so only a damaged database holds one).
            const data = { ...sshKey, keys: JSON.stringify(sshKey.keys), namespace: ns.name };
            await tx.credential.upsert({ where: { name: sshKey.name }, create: data, update: data });
          }
          return created;
        }),
      () => `namespace "${ns.name}" already exists; choose another name`,
      "name",
    );
  }

  /**
   * Removes an empty namespace and its SSH key from the vault. The checks run in the same
   * transaction as the delete, so no MCI or network left behind is orphaned between them.
   */
  async deleteNamespace(name: string): Promise<void> {
    await inTransaction(this.prisma, async (tx) => {
      const mcis = await tx.mci.findMany({ where: { namespace: name }, select: { name: true, deleting: true } });
      if (mcis.length) {
        const names = mcis.slice(0, 3).map((m) => `"${m.name}"${m.deleting ? " (being deleted)" : ""}`).join(", ");
        const more = mcis.length > 3 ? ` and ${mcis.length - 3} more` : "";
        throw new ConflictError(`namespace "${name}" still holds ${mcis.length === 1 ? "an MCI" : `${mcis.length} MCIs`}: ${names}${more}; delete ${mcis.length === 1 ? "it" : "them"} (DELETE /api/v1/ns/${name}/mci/{id}) and wait until ${mcis.length === 1 ? "it is" : "they are"} gone`);
      }
      const shared = await tx.sharedResource.count({ where: { namespace: name } });
      if (shared) throw new ConflictError(`namespace "${name}" still has its network in ${shared === 1 ? "one connection" : `${shared} connections`} being freed; try again in a minute`);
      await tx.credential.deleteMany({ where: { namespace: name } });
      await tx.namespace.delete({ where: { name } });
    });
  }

  async createMci(mci: { id: string; namespace: string; name: string; description: string; policy: string }, subGroups: NewSubGroup[], vms: NewVm[]): Promise<void> {
    const taken = () => `an MCI named "${mci.name}" already exists in namespace "${mci.namespace}"; choose another name`;
    await insertUnique("Mci", () => inTransaction(this.prisma, async (tx) => {
      await tx.mci.create({ data: mci });
      await tx.subGroup.createMany({ data: subGroups.map((s) => ({ ...s, mciId: mci.id })) });
      await insertVms(tx, mci.id, mci.namespace, vms);
    }), taken, "name");
    this.bump(mci.id);
  }

  async addToMci(mciId: string, namespace: string, subGroups: NewSubGroup[], vms: NewVm[], countUpdates: { id: string; count: number }[]): Promise<void> {
    await inTransaction(this.prisma, async (tx) => {
      if (subGroups.length) await tx.subGroup.createMany({ data: subGroups.map((s) => ({ ...s, mciId })) });
      for (const u of countUpdates) await tx.subGroup.update({ where: { id: u.id }, data: { count: u.count } });
      await insertVms(tx, mciId, namespace, vms);
      await tx.mci.update({ where: { id: mciId }, data: { settled: false, targetAction: "Create" } });
    });
    this.bump(mciId);
  }

  async listMcis(namespace: string): Promise<MciWithParts[]> {
    const mcis = await this.prisma.mci.findMany({ where: { namespace }, orderBy: { createdAt: "asc" }, include: { subGroups: { orderBy: { createdAt: "asc" } }, vms: { orderBy: { name: "asc" } } } });
    const hostPlaces = await this.hostPlaces(mcis.flatMap((m) => m.subGroups.map((s) => s.connection)));
    return hostPlaces ? mcis.map((m) => ({ ...m, hostPlaces })) : mcis;
  }

  /** The ssh connections among these, with their places and held hosts; undefined when there are none (the common case: one query). */
  async hostPlaces(connections: string[]): Promise<HostPlaces | undefined> {
    const names = [...new Set(connections)];
    if (!names.length) return undefined;
    const located = await this.prisma.connection.findMany({ where: { name: { in: names }, latitude: { not: null } }, select: { name: true, region: true, latitude: true, longitude: true } });
    if (!located.length) return undefined;
    const held = await this.prisma.sshHost.findMany({ where: { connection: { in: located.map((c) => c.name) }, clientToken: { not: null } }, select: { clientToken: true, name: true, address: true, facts: true } });
    return {
      places: Object.fromEntries(located.map((c) => [c.name, { latitude: c.latitude!, longitude: c.longitude ?? 0, label: c.region }])),
      hosts: Object.fromEntries(held.map((h) => [h.clientToken!, { name: h.name, address: h.address, facts: h.facts ? (JSON.parse(h.facts) as HostFacts) : null }])),
    };
  }

  findMci(id: string): Promise<MciWithParts | null> {
    return this.prisma.mci.findUnique({ where: { id }, include: { subGroups: { orderBy: { createdAt: "asc" } }, vms: { orderBy: { name: "asc" } } } });
  }

  findMciHead(id: string): Promise<MciHead | null> {
    return this.prisma.mci.findUnique({ where: { id }, include: { subGroups: { orderBy: { createdAt: "asc" } } } });
  }

  /**
   * The MCI's VMs grouped by connection, status, desired state and whether the cloud made them:
   * one index scan in SQLite instead of 10,000 rows (with their histories) read into objects on
   * every pass of the MCI step.
   */
  async vmStateGroups(mciId: string): Promise<VmStateGroup[]> {
    const rows = await this.prisma.$queryRaw<{ connection: string; status: string; desired: string; noCloud: number | bigint; n: number | bigint }[]>`
      SELECT "connection", "status", "desired", ("cloudId" IS NULL) AS "noCloud", COUNT(*) AS "n" FROM "Vm" WHERE "mciId" = ${mciId} GROUP BY 1, 2, 3, 4`;
    return rows.map((r) => ({ connection: r.connection, status: r.status, desired: r.desired, noCloud: Number(r.noCloud) === 1, count: Number(r.n) }));
  }

  /** Some columns of an MCI's VMs that match a filter: the MCI step reads rows only when it acts on them. */
  mciVms(mciId: string, where: Prisma.VmWhereInput = {}): Promise<Pick<Vm, "id" | "subGroupId" | "connection" | "status" | "desired" | "cloudId">[]> {
    return this.prisma.vm.findMany({ where: { ...where, mciId }, select: { id: true, subGroupId: true, connection: true, status: true, desired: true, cloudId: true } });
  }

  async getMci(namespace: string, id: string): Promise<MciWithParts> {
    const mci = await this.findMci(id);
    if (!mci || mci.namespace !== namespace) throw new NotFoundError(`MCI "${id}" does not exist in namespace "${namespace}"; GET /api/v1/ns/${namespace}/mci lists them`);
    const hostPlaces = await this.hostPlaces(mci.subGroups.map((s) => s.connection));
    return hostPlaces ? { ...mci, hostPlaces } : mci;
  }

  async updateMci(id: string, data: Prisma.MciUpdateInput): Promise<void> {
    await audited(this.prisma, (tx) => tx.mci.update({ where: { id }, data }));
    this.bump(id);
  }

  async deleteMci(id: string): Promise<void> {
    await this.prisma.$transaction([this.prisma.mciEvent.deleteMany({ where: { mciId: id } }), this.prisma.mci.deleteMany({ where: { id } })]);
    this.versions.delete(id);
    this.fleetCounter++;
  }

  /**
   * Every MCI and, per VM, only what the fleet map counts (a few short columns), with the places
   * of the ssh connections among them: 10,000 VMs in one query, no histories or addresses.
   */
  async fleetRows(): Promise<FleetRows> {
    const [mcis, vms] = await Promise.all([
      this.prisma.mci.findMany({ select: { id: true, namespace: true, name: true, deleting: true }, orderBy: [{ namespace: "asc" }, { createdAt: "asc" }] }),
      this.prisma.vm.findMany({ select: { id: true, mciId: true, connection: true, regionKey: true, status: true, desired: true, rebootWanted: true, rebootDone: true } }),
    ]);
    const places = await this.hostPlaces(vms.map((v) => v.connection));
    return { mcis, vms, places: places?.places ?? {} };
  }

  /** Every MCI that may still need the reconciler: not settled, deleting, or with a VM not at rest. */
  unsettledMciIds(): Promise<string[]> {
    return this.prisma.mci.findMany({ where: { OR: [{ settled: false }, { deleting: true }] }, select: { id: true } }).then((r) => r.map((m) => m.id));
  }

  findVm(id: string): Promise<Vm | null> {
    return this.prisma.vm.findUnique({ where: { id } });
  }

  async updateVm(id: string, data: VmPatch): Promise<Vm> {
    const row = await this.prisma.vm.update({ where: { id }, data });
    this.bump(row.mciId);
    return row;
  }

  /**
   * Records what the reconciler saw of one VM. It resolves once the patch is committed (with the
   * patches of other steps that came at the same time), so a caller may rely on it as on an
   * update of its own: nothing the caller does next can be durable before it.
   */
  patchVm(item: VmPatchItem): Promise<void> {
    return this.patches.add(item, 1);
  }

  /**
   * Many VMs' patches (a watch's pass over a connection) in one transaction, with `also` (the
   * work they call for, from the queue) in the same one: both land or neither.
   */
  async patchVms(items: VmPatchItem[], also: Prisma.PrismaPromise<number>[] = []): Promise<void> {
    if (items.length || also.length) await this.applyPatches(items, also);
  }

  /**
   * A patch of a row that is gone fails, as an update of one row did: a step must not go on to
   * call the cloud for a VM whose row was removed meanwhile. Patches are whole values, so a batch
   * that failed this way is applied again item by item (the group commit isolates) and only the
   * caller of the missing row hears of it.
   */
  private async applyPatches(items: VmPatchItem[], also: Prisma.PrismaPromise<number>[] = []): Promise<void> {
    const { statements, rows } = vmPatchStatements(this.prisma, items, new Date());
    const changed = await this.prisma.$transaction([...statements, ...also]);
    for (const id of new Set(items.map((it) => it.mciId))) this.bump(id);
    if (rows.some((n, i) => changed[i] !== n)) {
      // Not a cloud error: the runner reports it and retries the step, which then finds no row.
      throw new Error(items.length === 1 ? `VM ${items[0].id} no longer exists` : "a VM patched in this batch no longer exists");
    }
  }

  async setDesired(mciId: string, ids: string[], data: Prisma.VmUpdateManyMutationInput): Promise<void> {
    await audited(this.prisma, async (tx) => {
      for (let i = 0; i < ids.length; i += 500) await tx.vm.updateMany({ where: { mciId, id: { in: ids.slice(i, i + 500) } }, data });
    });
    this.bump(mciId);
  }

  /**
   * Removes VMs (refined away, scaled in) with their subgroups' counts and the subgroups left
   * empty, in one transaction: a reader never sees the VMs gone and their subgroup still there.
   */
  async removeVms(mciId: string, ids: string[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.vm.deleteMany({ where: { mciId, id: { in: ids } } });
      const left = await tx.vm.groupBy({ by: ["subGroupId"], where: { mciId }, _count: { _all: true } });
      const counts = new Map(left.map((r) => [r.subGroupId, r._count._all]));
      for (const sg of await tx.subGroup.findMany({ where: { mciId }, select: { id: true, count: true } })) {
        const count = counts.get(sg.id) ?? 0;
        if (count === 0) await tx.subGroup.delete({ where: { id: sg.id } });
        else if (count !== sg.count) await tx.subGroup.update({ where: { id: sg.id }, data: { count } });
      }
    });
    this.bump(mciId);
  }

  /** VMs whose state the reconciler must still move or watch (for the start-up sweep). */
  vmsNeedingWork(): Promise<Pick<Vm, "id" | "connection">[]> {
    return this.prisma.vm.findMany({
      where: { OR: [{ status: { notIn: ["Running", "Suspended", "Terminated", "Failed"] } }, { NOT: { desired: "Running" } }, { rebootWanted: { not: 0 } }] },
      select: { id: true, connection: true, desired: true, status: true, rebootWanted: true, rebootDone: true },
    }).then((rows) => rows.filter((r) => !(r.desired === "Terminated" && r.status === "Terminated") && !(r.desired === "Suspended" && r.status === "Suspended") && !(r.desired === "Running" && r.status === "Running" && r.rebootWanted === r.rebootDone)));
  }

  vmsInConnection(connection: string): Promise<Vm[]> {
    return this.prisma.vm.findMany({ where: { connection } });
  }

  /** Which of these VM ids have a row, in any connection: a cloud VM whose owner has none is an orphan. */
  async vmIdsWithRows(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await this.prisma.vm.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select: { id: true } })) found.add(r.id);
    }
    return found;
  }

  /** VMs that use, or are about to use, a namespace's shared resources in one connection. */
  countLiveVms(namespace: string, connection: string): Promise<number> {
    return this.prisma.vm.count({ where: { namespace, connection, status: { not: "Terminated" }, NOT: { status: "Failed", cloudId: null } } });
  }

  async addEvent(mciId: string, message: string, level: "info" | "warn" | "error" = "info", vmId?: string): Promise<void> {
    await this.prisma.mciEvent.create({ data: { mciId, message, level, vmId: vmId ?? null } });
  }

  listEvents(mciId: string, limit = 200): Promise<MciEvent[]> {
    return this.prisma.mciEvent.findMany({ where: { mciId }, orderBy: { id: "desc" }, take: limit });
  }

  findShared(namespace: string, connection: string): Promise<SharedResource | null> {
    return this.prisma.sharedResource.findUnique({ where: { namespace_connection: { namespace, connection } } });
  }

  async upsertShared(namespace: string, connection: string, data: Partial<Omit<SharedResource, "namespace" | "connection" | "id" | "createdAt" | "updatedAt">>): Promise<SharedResource> {
    const id = `shared-${namespace}-${connection}`;
    return this.prisma.sharedResource.upsert({ where: { namespace_connection: { namespace, connection } }, create: { id, namespace, connection, ...data }, update: data });
  }

  async deleteShared(namespace: string, connection: string): Promise<void> {
    await this.prisma.sharedResource.deleteMany({ where: { namespace, connection } });
  }

  sharedInNamespace(namespace: string): Promise<SharedResource[]> {
    return this.prisma.sharedResource.findMany({ where: { namespace } });
  }
}
