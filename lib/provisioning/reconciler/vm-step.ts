import { isCloudError } from "@/lib/core/errors";
import { isTransitional } from "@/lib/core/lifecycle";
import type { VmStatus } from "@/lib/core/types";
import type { CloudDriver, Vm } from "@/lib/drivers/types";
import type { VmRow } from "@/lib/store/mci";
import { getSpec } from "@/lib/catalogue";
import { mayBeOurs, OWNER_TAG, ownerTags, type ProvisioningDeps } from "../deps";
import { ensureShared } from "./shared-resources";
import { mciKey, watchKey } from "./keys";
import { DONE, type StepResult } from "./step-result";
import { observedPatch } from "./vm-history";

/**
 * One idempotent step that moves a VM toward what the user wants. It reads the row again,
 * makes at most one state-changing cloud call, records what the cloud answered, and leaves the
 * waiting to the connection's watch. Retryable errors propagate to the runner (backoff); others
 * end here, recorded on the VM with the cloud's own message.
 */
/** A stock-out lasts minutes; after this many tries the VM fails so the MCI's policy can act. */
export const CAPACITY_RETRIES = 6;

export async function reconcileVm(deps: ProvisioningDeps, vmId: string, attempts = 0): Promise<StepResult> {
  const row = await deps.repo.findVm(vmId);
  if (!row) return DONE;
  const connection = await deps.connections.config(row.connection);
  if (!connection) {
    await fail(deps, row, `connection "${row.connection}" no longer exists; add it again or terminate this VM`);
    return DONE;
  }
  const driver = deps.driverFor(connection);
  try {
    return await step(deps, driver, row);
  } catch (e) {
    if (!isCloudError(e)) throw e;
    const givingUp = e.code === "CapacityUnavailable" && attempts + 1 >= CAPACITY_RETRIES;
    if (e.retryable && !givingUp) throw e;
    if (!row.cloudId && !wantsGone(row)) {
      await fail(deps, row, givingUp ? `${e.message} (gave up after ${attempts + 1} tries; pick another spec or region)` : e.message);
    } else {
      // A refused action (say, the VM changed state meanwhile): give up the wish, keep the VM.
      await deps.repo.updateVm(row.id, { desired: settledDesire(row.status as VmStatus), rebootWanted: row.rebootDone, lastError: e.message });
      await deps.repo.addEvent(row.mciId, `${row.name}: ${e.message}`, "error", row.id);
      await deps.queue.enqueue(mciKey(row.mciId), null, deps.clock.now());
    }
    return DONE;
  }
}

async function step(deps: ProvisioningDeps, driver: CloudDriver, row: VmRow): Promise<StepResult> {
  const status = row.status as VmStatus;
  const now = deps.clock.now();

  if (!row.cloudId) {
    if (wantsGone(row)) {
      const found = row.createAttempted ? await adopt(deps, driver, row) : null;
      if (found) return recordCall(deps, row, found);
      // A VM that failed before the cloud made it keeps showing why, unless its row is to go.
      if (status === "Failed" && row.desired === "Terminated") return DONE;
      await deps.repo.patchVm({ id: row.id, mciId: row.mciId, fields: observedPatch(row, "Terminated", now, undefined, status === "Failed" ? row.statusReason : "never created") });
      await deps.queue.enqueue(mciKey(row.mciId), null, now);
      return DONE;
    }
    if (status === "Failed") return DONE;
    const shared = await ensureShared(deps, driver, row.namespace);
    // A call that may have taken effect before a crash or a lost reply: find it by its owner tag first.
    const existing = row.createAttempted ? await adopt(deps, driver, row) : null;
    if (existing) return recordCall(deps, row, existing);
    // Committed (with other steps' patches) before the call: after a crash the flag sends the next
    // step to look for the VM by its owner tag instead of forgetting a VM the cloud may have made.
    await deps.repo.patchVm({ id: row.id, mciId: row.mciId, fields: { createAttempted: true } });
    const spec = getSpec(row.regionKey, row.specId);
    const vm = await driver.createVm({
      name: row.name,
      specName: spec?.name ?? row.specId,
      imageId: row.imageId,
      subnetId: shared.subnetId,
      securityGroupIds: [shared.securityGroupId],
      keyPairId: shared.keyPairId,
      tags: { ...ownerTags(deps, row.id, row.namespace), "barista-mci": row.mciId },
      clientToken: row.id,
    });
    return recordCall(deps, row, vm);
  }

  if (isTransitional(status)) return watch(deps, row);

  if (wantsGone(row)) {
    if (status === "Terminated") return DONE;
    return recordCall(deps, row, await driver.terminateVm(row.cloudId));
  }
  if (status === "Failed" || status === "Terminated" || status === "Undefined") return DONE;
  if (row.desired === "Suspended") {
    if (status === "Running") return recordCall(deps, row, await driver.suspendVm(row.cloudId));
    return DONE;
  }
  // desired Running
  if (status === "Suspended") return recordCall(deps, row, await driver.resumeVm(row.cloudId));
  if (status === "Running" && row.rebootWanted > row.rebootDone) {
    const vm = await driver.rebootVm(row.cloudId);
    await deps.repo.updateVm(row.id, { rebootDone: row.rebootWanted });
    return recordCall(deps, row, vm);
  }
  return DONE;
}

/** `Removed` is a terminate whose row then goes too (refine, scale-in). */
export function wantsGone(row: Pick<VmRow, "desired">): boolean {
  return row.desired === "Terminated" || row.desired === "Removed";
}

async function adopt(deps: ProvisioningDeps, driver: CloudDriver, row: VmRow): Promise<Vm | null> {
  // A row's id names one VM; the managed tag keeps another installation's from being taken for it.
  const found = (await driver.listVms({ tags: { [OWNER_TAG]: row.id } })).filter((v) => mayBeOurs(deps, v.tags));
  return found.find((v) => v.status !== "Terminated") ?? found[0] ?? null;
}

/**
 * Records what the cloud answered to a call, then lets the watch follow the VM from there. The
 * patch is committed before the watch is queued and before the step's work item is completed, so
 * a crash leaves either the cloud id on the row or the item still queued (and the create flag
 * set, so the retry adopts the VM by its owner tag): never a cloud VM that nothing will find.
 */
async function recordCall(deps: ProvisioningDeps, row: VmRow, vm: Vm): Promise<StepResult> {
  await deps.repo.patchVm({ id: row.id, mciId: row.mciId, fields: { ...observedPatch(row, vm.status, deps.clock.now(), vm), createAttempted: true, lastError: null } });
  // While the VM moves, the watch reports its changes to the MCI; otherwise tell the MCI now.
  if (isTransitional(vm.status)) return watch(deps, row);
  await deps.queue.enqueue(mciKey(row.mciId), null, deps.clock.now());
  return DONE;
}

async function watch(deps: ProvisioningDeps, row: VmRow): Promise<StepResult> {
  await deps.queue.enqueue(watchKey(row.connection), row.connection, deps.clock.now() + 100);
  return DONE;
}

async function fail(deps: ProvisioningDeps, row: VmRow, reason: string): Promise<void> {
  await deps.repo.patchVm({ id: row.id, mciId: row.mciId, fields: { ...observedPatch(row, "Failed", deps.clock.now(), undefined, reason), lastError: reason } });
  await deps.repo.addEvent(row.mciId, `${row.name} failed: ${reason}`, "error", row.id);
  await deps.queue.enqueue(mciKey(row.mciId), null, deps.clock.now());
}

function settledDesire(status: VmStatus): string {
  return status === "Suspended" || status === "Suspending" ? "Suspended" : status === "Terminated" || status === "Terminating" ? "Terminated" : "Running";
}
