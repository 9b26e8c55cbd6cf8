import { plural } from "@/lib/core/plural";
import type { MciHead, VmStateGroup } from "@/lib/store/mci";
import type { ProvisioningDeps } from "../deps";
import { vmKey } from "./keys";
import { releaseSharedIfUnused } from "./shared-resources";
import { DONE, type StepResult } from "./step-result";
import { wantsGone } from "./vm-step";

const GONE = ["Terminated", "Removed"];

/** A VM of this group still holds (or may hold) something in the cloud. */
const isLive = (g: VmStateGroup) => g.status !== "Terminated" && !(g.status === "Failed" && g.noCloud);

/**
 * The MCI-level step: applies the failure policy once a deployment has finished, removes the
 * rows of VMs refined away, frees shared resources no VM uses any more, and finishes a delete.
 * It runs after every change a watch sees, so while thousands of VMs deploy it reads counts per
 * state, not the VMs' rows; rows are read only for what it then acts on.
 */
export async function reconcileMci(deps: ProvisioningDeps, mciId: string): Promise<StepResult> {
  const mci = await deps.repo.findMciHead(mciId);
  if (!mci) return DONE;
  let groups = await deps.repo.vmStateGroups(mciId);
  if (mci.deleting) {
    if (groups.some((g) => !wantsGone(g))) {
      await terminate(deps, mci.id, await deps.repo.mciVms(mci.id, { desired: { notIn: GONE } }));
      groups = await deps.repo.vmStateGroups(mciId);
    }
  } else if (!mci.settled && deploymentFinished(groups)) {
    await applyPolicy(deps, mci, groups);
  }

  if (groups.some((g) => g.desired === "Removed" && g.status === "Terminated")) {
    const removed = await deps.repo.mciVms(mci.id, { desired: "Removed", status: "Terminated" });
    await deps.repo.removeVms(mci.id, removed.map((v) => v.id));
  }

  // Free the namespace's network, security group and key in every connection this MCI has left.
  const connections = new Set([...mci.subGroups.map((s) => s.connection), ...groups.map((g) => g.connection)]);
  const live = new Set(groups.filter(isLive).map((g) => g.connection));
  // Other MCIs of the namespace may still use them: then they stay (releaseSharedIfUnused checks).
  for (const name of connections) {
    if (live.has(name)) continue;
    const connection = await deps.connections.config(name);
    if (connection) await releaseSharedIfUnused(deps, deps.driverFor(connection), mci.namespace);
  }

  if (mci.deleting && !groups.some(isLive)) {
    await deps.repo.deleteMci(mci.id);
  }
  return DONE;
}

function deploymentFinished(groups: VmStateGroup[]): boolean {
  return groups.every((g) => g.status !== "Creating" || wantsGone(g));
}

async function applyPolicy(deps: ProvisioningDeps, mci: MciHead, groups: VmStateGroup[]): Promise<void> {
  const total = groups.reduce((s, g) => s + g.count, 0);
  const running = groups.filter((g) => g.status === "Running").reduce((s, g) => s + g.count, 0);
  const failedCount = groups.filter((g) => g.status === "Failed" && !wantsGone(g)).reduce((s, g) => s + g.count, 0);
  await deps.repo.updateMci(mci.id, { settled: true });
  if (!failedCount) {
    await deps.repo.addEvent(mci.id, `deployment finished: ${running} of ${total} VMs running`);
    return;
  }
  if (mci.policy === "rollback") {
    await deps.repo.addEvent(mci.id, `${plural(failedCount, "VM")} failed; policy rollback: terminating every VM of this MCI and its network`, "warn");
    await deps.repo.updateMci(mci.id, { targetAction: "Terminate" });
    await terminate(deps, mci.id, await deps.repo.mciVms(mci.id, { desired: { notIn: GONE } }));
  } else if (mci.policy === "refine") {
    await deps.repo.addEvent(mci.id, `${plural(failedCount, "VM")} failed; policy refine: removing ${failedCount === 1 ? "it" : "them"}, ${plural(running, "running VM")} stay${running === 1 ? "s" : ""}`, "warn");
    await refineVms(deps, mci.id, await deps.repo.mciVms(mci.id, { status: "Failed", desired: { notIn: GONE } }));
  } else {
    await deps.repo.addEvent(mci.id, `deployment finished: ${running} running, ${failedCount} failed (policy continue: failed VMs stay for you to inspect, refine removes them)`, "warn");
  }
}

type VmRef = { id: string; connection: string };

async function terminate(deps: ProvisioningDeps, mciId: string, vms: VmRef[]): Promise<void> {
  await deps.repo.setDesired(mciId, vms.map((v) => v.id), { desired: "Terminated" });
  await enqueueVms(deps, vms);
}

export async function refineVms(deps: ProvisioningDeps, mciId: string, vms: VmRef[]): Promise<void> {
  await deps.repo.setDesired(mciId, vms.map((v) => v.id), { desired: "Removed" });
  await enqueueVms(deps, vms);
}

async function enqueueVms(deps: ProvisioningDeps, vms: VmRef[]): Promise<void> {
  await deps.queue.enqueueMany(vms.map((v) => ({ key: vmKey(v.id), connection: v.connection })), deps.clock.now());
  deps.kick();
}
