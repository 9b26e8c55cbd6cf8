import { createHash } from "node:crypto";
import { isCloudError } from "@/lib/core/errors";
import type { CloudDriver, ListFilter } from "@/lib/drivers/types";
import type { SharedResource } from "@/lib/store/mci";
import { MANAGED_TAG, OWNER_TAG, ownerTags, type ProvisioningDeps } from "../deps";
import { KeyedMutex } from "./keyed-mutex";

const locks = new KeyedMutex();

export interface ReadyShared {
  vNetId: string;
  subnetId: string;
  securityGroupId: string;
  keyPairId: string;
}

const VNET_CIDR = "10.77.0.0/16";
const SUBNET_CIDR = "10.77.0.0/18";

/** SSH and ICMP in, everything out: what a fresh VM needs to be reached and to install software. */
const DEFAULT_RULES = [
  { direction: "inbound" as const, protocol: "tcp" as const, fromPort: 22, toPort: 22, cidr: "0.0.0.0/0" },
  { direction: "inbound" as const, protocol: "icmp" as const, fromPort: -1, toPort: -1, cidr: "0.0.0.0/0" },
  { direction: "outbound" as const, protocol: "all" as const, fromPort: 0, toPort: 65535, cidr: "0.0.0.0/0" },
];

function sharedId(namespace: string, connection: string): string {
  return `shared-${namespace}-${connection}`;
}

/**
 * Names are unique per account and region on most providers, and several owners meet in one
 * account: two connections with the same credential (two teams), or two Barista installations.
 * So each owner gets its own set, named for the namespace plus a digest of the installation and
 * the owner row. The name is not how a piece is found (its tags are): it only has to be unique,
 * and fit every provider: with the longest namespace, "-subnet" ends at 63 characters, GCP's limit.
 * One set per connection rather than one per account keeps a connection's network its own: it
 * goes when that connection's VMs go, whatever its siblings run.
 */
function sharedName(deps: ProvisioningDeps, namespace: string, owner: string): string {
  const digest = createHash("sha256").update(`${deps.installationId}|${owner}`).digest("hex").slice(0, 7);
  return `barista-${namespace}-${digest}`;
}

/** Pieces this installation made for one owner; the owner id alone may be another installation's. */
function ownedBy(deps: ProvisioningDeps, owner: string): ListFilter {
  return { tags: { [OWNER_TAG]: owner, [MANAGED_TAG]: deps.installationId } };
}

/**
 * The vNet + subnet, security group and key pair of one namespace in one connection, made on
 * demand exactly once: every caller for the same pair waits on one lock, each piece is recorded
 * as soon as it exists, and a piece a lost call made is found again by its owner tag.
 */
export function ensureShared(deps: ProvisioningDeps, driver: CloudDriver, namespace: string): Promise<ReadyShared> {
  const connection = driver.connection.name;
  return locks.run(sharedId(namespace, connection), async () => {
    let row = (await deps.repo.findShared(namespace, connection)) ?? (await deps.repo.upsertShared(namespace, connection, { status: "Pending" }));
    if (isReady(row)) return row;
    const owner = row.id;
    const tags = ownerTags(deps, owner, namespace);
    const mine = ownedBy(deps, owner);
    const base = sharedName(deps, namespace, owner);
    if (!row.vNetId || !row.subnetId) {
      const vnet = (await driver.listVNets(mine))[0] ?? (await driver.createVNet({ name: `${base}-vnet`, cidr: VNET_CIDR, subnets: [{ name: `${base}-subnet`, cidr: SUBNET_CIDR }], tags }));
      row = await deps.repo.upsertShared(namespace, connection, { vNetId: vnet.id, subnetId: vnet.subnets[0].id });
    }
    if (!row.securityGroupId) {
      const sg = (await driver.listSecurityGroups(mine))[0] ?? (await driver.createSecurityGroup({ name: `${base}-sg`, vNetId: row.vNetId!, rules: DEFAULT_RULES, tags }));
      row = await deps.repo.upsertShared(namespace, connection, { securityGroupId: sg.id });
    }
    if (!row.keyPairId) {
      const ns = await deps.repo.findNamespace(namespace);
      if (!ns) throw new Error(`namespace ${namespace} has no row; it cannot own resources in ${connection}`);
      const publicKey = ns.sshPublicKey;
      const key = (await driver.listKeyPairs(mine))[0] ?? (await driver.createKeyPair({ name: `${base}-key`, publicKey, tags }));
      row = await deps.repo.upsertShared(namespace, connection, { keyPairId: key.id });
    }
    row = await deps.repo.upsertShared(namespace, connection, { status: "Ready", error: null });
    return row as ReadyShared & SharedResource;
  });
}

function isReady(row: SharedResource): row is SharedResource & ReadyShared {
  return row.status === "Ready" && !!row.vNetId && !!row.subnetId && !!row.securityGroupId && !!row.keyPairId;
}

/**
 * Deletes a namespace's shared resources in a connection once no VM there uses them, under the
 * same lock as ensureShared so a deployment starting at that moment never loses its network.
 * Answers true when nothing is left.
 */
export function releaseSharedIfUnused(deps: ProvisioningDeps, driver: CloudDriver, namespace: string): Promise<boolean> {
  const connection = driver.connection.name;
  return locks.run(sharedId(namespace, connection), async () => {
    const row = await deps.repo.findShared(namespace, connection);
    if (!row) return true;
    if ((await deps.repo.countLiveVms(namespace, connection)) > 0) return false;
    await deps.repo.upsertShared(namespace, connection, { status: "Deleting" });
    const mine = ownedBy(deps, row.id);
    // The recorded ids, and what our tags find, so a piece whose id a lost reply never recorded
    // goes too. A piece an older version tagged goes only if its id was recorded: the tag alone
    // cannot tell it from another installation's.
    const ids = (recorded: string | null, found: { id: string }[]) => new Set([...(recorded ? [recorded] : []), ...found.map((f) => f.id)]);
    for (const id of ids(row.keyPairId, await driver.listKeyPairs(mine))) await deleteIfPresent(() => driver.deleteKeyPair(id));
    for (const id of ids(row.securityGroupId, await driver.listSecurityGroups(mine))) await deleteIfPresent(() => driver.deleteSecurityGroup(id));
    for (const id of ids(row.vNetId, await driver.listVNets(mine))) await deleteIfPresent(() => driver.deleteVNet(id));
    await deps.repo.deleteShared(namespace, connection);
    return true;
  });
}

/** A delete whose piece is already gone (an earlier try whose reply was lost) has nothing left to do. */
async function deleteIfPresent(remove: () => Promise<void>): Promise<void> {
  try {
    await remove();
  } catch (e) {
    if (!isCloudError(e) || e.code !== "NotFound") throw e;
  }
}
