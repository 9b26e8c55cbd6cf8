import { isTransitional, wishUnmet } from "@/lib/core/lifecycle";
import type { VmStatus } from "@/lib/core/types";
import type { Vm } from "@/lib/drivers/types";
import type { VmRow } from "@/lib/store/mci";
import type { VmPatchItem } from "@/lib/store/vm-patches";
import { LEGACY_MANAGED, MANAGED_TAG, OWNER_TAG, type ProvisioningDeps } from "../deps";
import { mciKey, vmKey } from "./keys";
import { again, DONE, type StepResult } from "./step-result";
import { observedPatch } from "./vm-history";

/** One list call per connection at most four times a second: a hundred connections stay cheap. */
const MIN_POLL_MS = 250;
const MAX_POLL_MS = 5_000;
/** All watches together poll at most about this often per second, however many connections move. */
const POLLS_PER_SECOND = 100;

/**
 * Follows every Barista VM of one connection with a single list call (an informer, not one
 * describe per VM): records status changes, hands VMs that reached a resting state back to their
 * own step, and terminates any VM carrying our tag that no row owns any more (no orphans).
 * It polls more often while operations are young, so a VM is seen Running soon after it is.
 *
 * Other connections may share the cloud account (same credential, provider and region: two
 * teams), and other Barista installations too, so the list holds VMs that are not this
 * connection's. The sweep terminates a VM only when its managed tag carries this installation's
 * id and no row in any connection owns it.
 */
export async function watchConnection(deps: ProvisioningDeps, connectionName: string): Promise<StepResult> {
  const connection = await deps.connections.config(connectionName);
  if (!connection) return DONE;
  const rows = await deps.repo.vmsInConnection(connectionName);
  const driver = deps.driverFor(connection);
  const cloudVms = await driver.listVms({ tags: { [MANAGED_TAG]: deps.installationId } });
  const byOwner = new Map<string, Vm>();
  const index = (vms: Vm[]) => {
    for (const vm of vms) {
      const owner = vm.tags[OWNER_TAG];
      if (!owner) continue;
      const seen = byOwner.get(owner);
      if (!seen || seen.status === "Terminated") byOwner.set(owner, vm);
    }
  };
  index(cloudVms);
  // VMs made before the managed tag carried the installation id: a second list call, only while
  // a row that is not at its end finds nothing under the new tag.
  if (rows.some((r) => r.cloudId && r.status !== "Terminated" && !byOwner.has(r.id))) {
    index(await driver.listVms({ tags: { [MANAGED_TAG]: LEGACY_MANAGED } }));
  }
  const now = deps.clock.now();
  let oldestOpMs = 0;
  const patches: VmPatchItem[] = [];
  const next: { key: string; connection: string | null }[] = [];
  const mcis = new Set<string>();
  for (const row of rows) {
    if (!row.cloudId) continue;
    const vm = byOwner.get(row.id);
    // Gone from the cloud's list: terminated long enough ago that the provider forgot it.
    const status: VmStatus = vm ? vm.status : "Terminated";
    if (status !== row.status || (vm && (vm.publicIp !== row.publicIp || vm.privateIp !== row.privateIp))) {
      patches.push({ id: row.id, mciId: row.mciId, fields: observedPatch(row, status, now, vm, vm ? undefined : row.desired === "Terminated" ? null : "the cloud no longer reports this VM") });
      mcis.add(row.mciId);
      if (!isTransitional(status) && needsStep(row, status)) next.push({ key: vmKey(row.id), connection: row.connection });
    }
    if (isTransitional(status)) oldestOpMs = Math.max(oldestOpMs, now - row.updatedAt.getTime());
  }
  // The pass's changes and the steps they call for in one transaction: a VM seen at rest is
  // never recorded so without its step queued (the next pass would see nothing new to queue).
  next.push(...[...mcis].map((id) => ({ key: mciKey(id), connection: null })));
  await deps.repo.patchVms(patches, deps.queue.enqueueManyStatements(next, now));

  const owned = new Set(rows.map((r) => r.id));
  const unowned = cloudVms.filter((vm) => {
    const owner = vm.tags[OWNER_TAG];
    return owner?.startsWith("vm-") && !owned.has(owner) && vm.status !== "Terminated" && vm.status !== "Terminating";
  });
  // A VM of a sibling connection on the same account has its row there: only one no row owns is an orphan.
  const elsewhere = unowned.length ? await deps.repo.vmIdsWithRows(unowned.map((vm) => vm.tags[OWNER_TAG])) : new Set<string>();
  for (const vm of unowned) {
    if (elsewhere.has(vm.tags[OWNER_TAG])) continue;
    await driver.terminateVm(vm.id);
    oldestOpMs = Math.max(oldestOpMs, MIN_POLL_MS);
  }

  const stillMoving = rows.some((r) => r.cloudId && isTransitional((byOwner.get(r.id)?.status ?? "Terminated") as VmStatus));
  if (!stillMoving && oldestOpMs === 0) return DONE;
  // Poll at about a twentieth of the age of the oldest operation in flight (early on, often),
  // within a budget shared by every connection that has something moving.
  const share = ((await deps.queue.countWithPrefix("watch:", 1_000)) * 1000) / POLLS_PER_SECOND;
  return again(Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, share, oldestOpMs / 20)));
}

/** Whether a VM that came to rest still has something to do: the rule the console's busy state shares. */
function needsStep(row: VmRow, status: VmStatus): boolean {
  return wishUnmet({ status, desired: row.desired, rebootPending: row.rebootWanted > row.rebootDone });
}
