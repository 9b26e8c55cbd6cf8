import type { Clock } from "@/lib/core/clock";
import type { CloudDriver, ConnectionConfig, Tags } from "@/lib/drivers/types";
import type { Vault } from "@/lib/secrets";
import type { ConnectionRepository } from "@/lib/store/connections";
import type { MciRepository } from "@/lib/store/mci";
import type { WorkQueueRepository } from "@/lib/store/work-queue";

/** Everything provisioning needs from the outside, so tests can hand it a fake driver and clock. */
export interface ProvisioningDeps {
  repo: MciRepository;
  queue: WorkQueueRepository;
  connections: ConnectionRepository;
  /** Where the namespaces' SSH private keys are kept. */
  vault: Vault;
  driverFor(connection: ConnectionConfig): CloudDriver;
  clock: Clock;
  /**
   * This Barista's id (made once, kept in the settings table). The managed tag carries it, so
   * two installations on one cloud account never take each other's resources for their own.
   */
  installationId: string;
  random: () => number;
  /** vCPUs an account may hold in one connection's region, when the cloud says (for review warnings). */
  vcpuQuota(connection: ConnectionConfig): number | null;
  /** Wakes the reconciler when new work is queued (no-op when none runs, e.g. in a dry run). */
  kick(): void;
}

/** The id of the row that owns a cloud resource (a VM row, or a namespace's shared resources in a connection). */
export const OWNER_TAG = "barista-owner";
/** The installation id of the Barista that made a resource. */
export const MANAGED_TAG = "barista-managed";
export const NAMESPACE_TAG = "barista-ns";
/**
 * What versions before the installation id wrote in the managed tag. Such a VM is still followed
 * when one of our rows owns it, but nothing proves that one no row owns is ours: it is never swept.
 */
export const LEGACY_MANAGED = "true";

/** Whether a resource's managed tag says this installation made it, now or before the tag carried its id. */
export function mayBeOurs(deps: Pick<ProvisioningDeps, "installationId">, tags: Tags): boolean {
  return tags[MANAGED_TAG] === deps.installationId || tags[MANAGED_TAG] === LEGACY_MANAGED;
}

/** The tags that make a cloud resource this installation's and name the row that owns it. */
export function ownerTags(deps: Pick<ProvisioningDeps, "installationId">, owner: string, namespace: string): Tags {
  // A resource tagged with an empty id would belong to no installation, and so could never be swept or found.
  if (!deps.installationId) throw new Error("the installation id is not loaded yet; the server loads it at start, before the reconciler runs");
  return { [OWNER_TAG]: owner, [MANAGED_TAG]: deps.installationId, [NAMESPACE_TAG]: namespace };
}
