import { plural } from "@/lib/core/plural";
import type { VmStatus } from "@/lib/core/types";
import type { MciWithParts } from "@/lib/store/mci";
import type { ProvisioningDeps } from "../deps";
import { vmKey } from "./keys";
import { releaseSharedIfUnused } from "./shared-resources";
import { DONE, type StepResult } from "./step-result";
import { wantsGone } from "./vm-step";

/**
 * The MCI-level step: applies the failure policy once a deployment has finished, removes the
 * rows of VMs refined away, frees shared resources no VM uses any more, and finishes a delete.
 */
export async function reconcileMci(deps: ProvisioningDeps, mciId: string): Promise<StepResult> {
  const mci = await deps.repo.findMci(mciId);
  if (!mci) return DONE;
  if (mci.deleting) {
    const toStop = mci.vms.filter((v) => !wantsGone(v));
    if (toStop.length) await terminate(deps, toStop.map((v) => v.id), mci);
  } else if (!mci.settled && deploymentFinished(mci)) {
    await applyPolicy(deps, mci);
  }

  const removed = mci.vms.filter((v) => v.desired === "Removed" && v.status === "Terminated");
  if (removed.length) {
    await deps.repo.deleteVms(mci.id, removed.map((v) => v.id));
    // One pass over the VMs: per subgroup and per removed VM, it was quadratic in a 10,000-VM MCI.
    const gone = new Set(removed);
    const left = new Map<string, number>();
    for (const v of mci.vms) if (!gone.has(v)) left.set(v.subGroupId, (left.get(v.subGroupId) ?? 0) + 1);
    for (const sg of mci.subGroups) {
      const count = left.get(sg.id) ?? 0;
      if (count !== sg.count) await deps.repo.setSubGroupCount(mci.id, sg.id, count);
    }
    await deps.repo.deleteEmptySubGroups(mci.id);
  }

  // Free the namespace's network, security group and key in every connection this MCI has left.
  const connections = new Set([...mci.subGroups.map((s) => s.connection), ...mci.vms.map((v) => v.connection)]);
  // Other MCIs of the namespace may still use them: then they stay (releaseSharedIfUnused checks).
  for (const name of connections) {
    const live = mci.vms.some((v) => v.connection === name && v.status !== "Terminated" && !(v.status === "Failed" && !v.cloudId));
    if (live) continue;
    const connection = await deps.connections.config(name);
    if (connection) await releaseSharedIfUnused(deps, deps.driverFor(connection), mci.namespace);
  }

  if (mci.deleting && mci.vms.every((v) => v.status === "Terminated" || (v.status === "Failed" && !v.cloudId))) {
    await deps.repo.deleteMci(mci.id);
  }
  return DONE;
}

function deploymentFinished(mci: MciWithParts): boolean {
  return mci.vms.every((v) => v.status !== "Creating" || wantsGone(v));
}

async function applyPolicy(deps: ProvisioningDeps, mci: MciWithParts): Promise<void> {
  const failed = mci.vms.filter((v) => (v.status as VmStatus) === "Failed" && !wantsGone(v));
  const running = mci.vms.filter((v) => v.status === "Running").length;
  await deps.repo.updateMci(mci.id, { settled: true });
  if (!failed.length) {
    await deps.repo.addEvent(mci.id, `deployment finished: ${running} of ${mci.vms.length} VMs running`);
    return;
  }
  if (mci.policy === "rollback") {
    await deps.repo.addEvent(mci.id, `${plural(failed.length, "VM")} failed; policy rollback: terminating every VM of this MCI and its network`, "warn");
    await deps.repo.updateMci(mci.id, { targetAction: "Terminate" });
    await terminate(deps, mci.vms.filter((v) => !wantsGone(v)).map((v) => v.id), mci);
  } else if (mci.policy === "refine") {
    await deps.repo.addEvent(mci.id, `${plural(failed.length, "VM")} failed; policy refine: removing ${failed.length === 1 ? "it" : "them"}, ${plural(running, "running VM")} stay${running === 1 ? "s" : ""}`, "warn");
    await refineVms(deps, failed.map((v) => v.id), mci);
  } else {
    await deps.repo.addEvent(mci.id, `deployment finished: ${running} running, ${failed.length} failed (policy continue: failed VMs stay for you to inspect, refine removes them)`, "warn");
  }
}

async function terminate(deps: ProvisioningDeps, ids: string[], mci: MciWithParts): Promise<void> {
  await deps.repo.setDesired(mci.id, ids, { desired: "Terminated" });
  await enqueueVms(deps, ids, mci);
}

export async function refineVms(deps: ProvisioningDeps, ids: string[], mci: MciWithParts): Promise<void> {
  await deps.repo.setDesired(mci.id, ids, { desired: "Removed" });
  await enqueueVms(deps, ids, mci);
}

async function enqueueVms(deps: ProvisioningDeps, ids: string[], mci: MciWithParts): Promise<void> {
  const conn = new Map(mci.vms.map((v) => [v.id, v.connection]));
  await deps.queue.enqueueMany(ids.map((id) => ({ key: vmKey(id), connection: conn.get(id) ?? null })), deps.clock.now());
  deps.kick();
}
