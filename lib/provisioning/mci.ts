import { randomUUID } from "node:crypto";
import { getRegion } from "@/lib/catalogue";
import { plural } from "@/lib/core/plural";
import { typicalSeconds, type VmOperation } from "@/lib/core/provider-timing";
import { checkTransition, type VmAction } from "@/lib/core/lifecycle";
import { ConflictError, InvalidArgumentError, NotFoundError } from "@/lib/core/errors";
import type { VmStatus } from "@/lib/core/types";
import type { MciWithParts, NewSubGroup, NewVm } from "@/lib/store/mci";
import type { MciActionRequest, MciCreate, MciReview, MciView, SubGroupRequest } from "@/lib/validation/mci";
import { MAX_VMS_PER_MCI } from "@/lib/validation/mci";
import type { ProvisioningDeps } from "./deps";
import { requireFreeHosts } from "./host-pool";
import { requireNamespace } from "./namespaces";
import { resolveSubGroups, reviewPlan, type PlannedSubGroup } from "./plan";
import { mciKey, vmKey } from "./reconciler/keys";
import { refineVms } from "./reconciler/mci-step";
import { wantsGone } from "./reconciler/vm-step";
import { toMciView } from "./view";

const shortId = () => randomUUID().replace(/-/g, "").slice(0, 12);

function vmNames(sg: PlannedSubGroup, from = 1): string[] {
  return Array.from({ length: sg.count }, (_, i) => `${sg.name}-${from + i}`);
}

export type CreateAnswer = { kind: "review"; review: MciReview } | { kind: "created"; mci: MciView };

/** Creates an MCI (202: the reconciler makes it) or, with dryRun, only reviews what would be made. */
export async function createMci(deps: ProvisioningDeps, namespace: string, input: MciCreate): Promise<CreateAnswer> {
  await requireNamespace(deps, namespace);
  const plan = await resolveSubGroups(deps, input.subGroups);
  checkSize(plan.reduce((s, p) => s + p.count, 0), "subGroups");
  if (input.dryRun) return { kind: "review", review: await reviewPlan(deps, input.name, input.policy, plan, (sg) => vmNames(sg)) };
  await requireFreeHosts(deps, plan);
  // The name's uniqueness is the database's to guard (a check first would race): createMci answers 409.
  const id = `mci-${shortId()}`;
  const { subGroups, vms } = rows(plan, () => 1);
  await deps.repo.createMci({ id, namespace, name: input.name, description: input.description, policy: input.policy }, subGroups, vms);
  await deps.repo.addEvent(id, `created: ${plural(vms.length, "VM")} in ${plural(subGroups.length, "subgroup")}, policy ${input.policy}`);
  await enqueue(deps, id, vms);
  return { kind: "created", mci: toMciView(await deps.repo.getMci(namespace, id)) };
}

function rows(plan: PlannedSubGroup[], firstIndex: (sg: PlannedSubGroup) => number, existing?: Map<string, string>) {
  const subGroups: NewSubGroup[] = [];
  const vms: NewVm[] = [];
  for (const sg of plan) {
    const sgId = existing?.get(sg.name) ?? `sg-${shortId()}`;
    if (!existing?.has(sg.name)) subGroups.push({ id: sgId, name: sg.name, connection: sg.connection.name, regionKey: sg.regionKey, specId: sg.specId, imageId: sg.imageId, count: sg.count });
    for (const name of vmNames(sg, firstIndex(sg))) vms.push({ id: `vm-${shortId()}`, name, subGroupId: sgId, connection: sg.connection.name, regionKey: sg.regionKey, specId: sg.specId, imageId: sg.imageId });
  }
  return { subGroups, vms };
}

/** `field`: the request's field that asked for the VMs. */
function checkSize(total: number, field: string): void {
  if (total > MAX_VMS_PER_MCI) throw new InvalidArgumentError(`${total} VMs requested; an MCI holds at most ${MAX_VMS_PER_MCI}`, field);
}

/**
 * Queues VMs for their next step, longest first: a VM's due time is set back by how long the
 * operation typically takes on its provider, so Azure's 95 s boots start before GCP's 35 s ones
 * and a deployment ends with its slowest VM, not after it.
 */
async function enqueue(deps: ProvisioningDeps, mciId: string, vms: { id: string; connection: string; regionKey: string }[], op: VmOperation = "create"): Promise<void> {
  const now = deps.clock.now();
  const byDelay = new Map<number, { key: string; connection: string }[]>();
  for (const v of vms) {
    const head = typicalSeconds(getRegion(v.regionKey)?.provider ?? "", op) * 1000;
    const item = { key: vmKey(v.id), connection: v.connection };
    // Pushed, not spread into a new array: 10,000 VMs of one provider would copy 50 million entries.
    const same = byDelay.get(head);
    if (same) same.push(item);
    else byDelay.set(head, [item]);
  }
  for (const [head, items] of byDelay) await deps.queue.enqueueMany(items, now - head);
  await deps.queue.enqueue(mciKey(mciId), null, now);
  deps.kick();
}

export async function listMcis(deps: ProvisioningDeps, namespace: string): Promise<MciView[]> {
  await requireNamespace(deps, namespace);
  return (await deps.repo.listMcis(namespace)).map(toMciView);
}

export async function getMci(deps: ProvisioningDeps, namespace: string, id: string): Promise<MciView> {
  return toMciView(await deps.repo.getMci(namespace, id));
}

export async function mciEvents(deps: ProvisioningDeps, namespace: string, id: string) {
  await deps.repo.getMci(namespace, id);
  return (await deps.repo.listEvents(id)).map((e) => ({ id: e.id, at: e.at.toISOString(), level: e.level, message: e.message, vmId: e.vmId }));
}

function notDeleting(m: MciWithParts): void {
  if (m.deleting) throw new ConflictError(`MCI "${m.name}" is being deleted; nothing more can be done to it`);
}

export async function addSubGroup(deps: ProvisioningDeps, namespace: string, id: string, req: SubGroupRequest): Promise<MciView> {
  const mci = await deps.repo.getMci(namespace, id);
  notDeleting(mci);
  const [sg] = await resolveSubGroups(deps, [req], new Set(mci.subGroups.map((s) => s.name)), () => "");
  checkSize(mci.vms.length + sg.count, "count");
  await requireFreeHosts(deps, [sg]);
  const { subGroups, vms } = rows([sg], () => 1);
  await deps.repo.addToMci(id, namespace, subGroups, vms, []);
  await deps.repo.addEvent(id, `subgroup ${sg.name} added: ${sg.count} × ${sg.specName} in ${sg.regionKey}`);
  await enqueue(deps, id, vms);
  return getMci(deps, namespace, id);
}

export async function scaleOut(deps: ProvisioningDeps, namespace: string, id: string, subGroup: string, add: number): Promise<MciView> {
  const mci = await deps.repo.getMci(namespace, id);
  notDeleting(mci);
  const sg = mci.subGroups.find((s) => s.name === subGroup);
  if (!sg) throw new NotFoundError(`MCI "${mci.name}" has no subgroup "${subGroup}"; it has ${mci.subGroups.map((s) => s.name).join(", ")}`);
  checkSize(mci.vms.length + add, "add");
  // A subgroup of registered hosts has no spec or image of its own ("").
  const [conn] = await resolveSubGroups(deps, [{ connection: sg.connection, specId: sg.specId || undefined, imageId: sg.imageId || undefined, count: add, name: sg.name }]);
  await requireFreeHosts(deps, [conn]);
  const highest = Math.max(0, ...mci.vms.filter((v) => v.subGroupId === sg.id).map((v) => Number(v.name.slice(sg.name.length + 1)) || 0));
  const { vms } = rows([conn], () => highest + 1, new Map([[sg.name, sg.id]]));
  await deps.repo.addToMci(id, namespace, [], vms, [{ id: sg.id, count: sg.count + add }]);
  await deps.repo.addEvent(id, `subgroup ${sg.name} scaled out by ${add} to ${sg.count + add}`);
  await enqueue(deps, id, vms);
  return getMci(deps, namespace, id);
}

const ACTION_DESIRE: Record<Exclude<VmAction, "reboot">, string> = { suspend: "Suspended", resume: "Running", terminate: "Terminated" };

/**
 * Applies an action to the whole MCI, one subgroup or chosen VMs. VMs already gone (Terminated,
 * Failed) are passed over; any other VM that cannot take the action refuses the whole request
 * with its reason (409), so nothing is half done.
 */
export async function applyAction(deps: ProvisioningDeps, namespace: string, id: string, req: MciActionRequest): Promise<{ id: string; accepted: boolean; affected: number; message: string }> {
  const mci = await deps.repo.getMci(namespace, id);
  notDeleting(mci);
  let scope = mci.vms;
  if (req.subGroup) {
    const sg = mci.subGroups.find((s) => s.name === req.subGroup);
    if (!sg) throw new NotFoundError(`MCI "${mci.name}" has no subgroup "${req.subGroup}"`, "subGroup");
    scope = scope.filter((v) => v.subGroupId === sg.id);
  }
  if (req.vmIds) {
    // Sets, so choosing all 10,000 VMs of an MCI is two passes, not 100 million comparisons.
    const inScope = new Set(scope.map((s) => s.id));
    const chosen = new Set(req.vmIds);
    const unknown = req.vmIds.filter((v) => !inScope.has(v));
    if (unknown.length) throw new NotFoundError(`${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not a VM of this MCI${req.subGroup ? ` in subgroup ${req.subGroup}` : ""}`, "vmIds");
    scope = scope.filter((v) => chosen.has(v.id));
  }
  if (req.action === "refine") {
    const failed = scope.filter((v) => v.status === "Failed" && !wantsGone(v));
    if (!failed.length) throw new ConflictError("refine: no failed VM to remove; refine drops VMs that ended Failed");
    await refineVms(deps, id, failed);
    await deps.repo.addEvent(id, `refine: removing ${plural(failed.length, "failed VM")}`);
    return { id, accepted: true, affected: failed.length, message: `removing ${plural(failed.length, "failed VM")}` };
  }
  const action = req.action;
  const live = scope.filter((v) => !wantsGone(v) && v.status !== "Terminated" && (action === "terminate" || v.status !== "Failed"));
  if (!live.length) throw new ConflictError(`${action}: no VM in scope can take it; they are all terminated or failed`);
  if (action !== "terminate") await refuseOnHosts(deps, live, action);
  const refusals = live.map((v) => ({ v, check: checkTransition(v.status as VmStatus, action) })).filter((r) => !r.check.ok);
  if (refusals.length) {
    const first = refusals[0];
    const reason = first.check.ok ? "" : first.check.reason;
    throw new ConflictError(`${first.v.name}: ${reason}${refusals.length > 1 ? ` (and ${plural(refusals.length - 1, "more VM")} cannot either)` : ""}`);
  }
  const ids = live.map((v) => v.id);
  if (action === "reboot") for (const v of live) await deps.repo.updateVm(v.id, { rebootWanted: v.rebootDone + 1 });
  else await deps.repo.setDesired(id, ids, { desired: ACTION_DESIRE[action] });
  if (!req.subGroup && !req.vmIds) await deps.repo.updateMci(id, { targetAction: action[0].toUpperCase() + action.slice(1) });
  await deps.repo.addEvent(id, `${action}: ${plural(ids.length, "VM")}${req.subGroup ? ` of subgroup ${req.subGroup}` : ""}`);
  await enqueue(deps, id, live, action);
  return { id, accepted: true, affected: ids.length, message: `${action} requested for ${plural(ids.length, "VM")}` };
}

/**
 * Registered hosts are lent, not owned: Barista never powers them off, on or reboots them. Said
 * here, before anything is asked of a VM, as a conflict with what the VMs are (the driver's own
 * NotSupported would answer 501 and leave the rest of the MCI half done).
 */
async function refuseOnHosts(deps: ProvisioningDeps, vms: { name: string; connection: string }[], action: string): Promise<void> {
  const onHosts: string[] = [];
  for (const name of new Set(vms.map((v) => v.connection))) if ((await deps.connections.config(name))?.driver === "ssh") onHosts.push(name);
  if (!onHosts.length) return;
  const first = vms.find((v) => onHosts.includes(v.connection))!;
  const verb = action === "suspend" ? "power hosts off" : action === "resume" ? "power hosts on" : "reboot hosts";
  throw new ConflictError(`${action}: ${first.name} runs on a registered host of ${onHosts.join(", ")}, and the ssh driver cannot ${verb}; leave those VMs out (subGroup or vmIds), or terminate them to give the hosts back`);
}

/** Terminates what runs, frees the shared resources no one else uses, then removes the MCI. */
export async function deleteMci(deps: ProvisioningDeps, namespace: string, id: string): Promise<{ id: string; accepted: boolean; affected: number; message: string }> {
  const mci = await deps.repo.getMci(namespace, id);
  if (!mci.deleting) {
    await deps.repo.updateMci(id, { deleting: true, targetAction: "Delete" });
    await deps.repo.setDesired(id, mci.vms.map((v) => v.id), { desired: "Terminated" });
    await deps.repo.addEvent(id, `delete: terminating ${plural(mci.vms.filter((v) => v.status !== "Terminated").length, "VM")}, then removing the MCI`);
  }
  await enqueue(deps, id, mci.vms, "terminate");
  return { id, accepted: true, affected: mci.vms.length, message: "terminating the VMs; the MCI disappears once they are gone" };
}

/** What the cloud itself reports for a connection, to compare with what Barista believes. */
export async function cloudVms(deps: ProvisioningDeps, connectionName: string) {
  const connection = await deps.connections.get(connectionName);
  const vms = await deps.driverFor(connection).listVms();
  return vms.map((v) => ({
    id: v.id,
    name: v.name,
    status: v.status,
    publicIp: v.publicIp,
    privateIp: v.privateIp,
    specName: v.specName,
    zone: v.zone,
    tags: v.tags,
    createdAt: v.createdAt,
    // The cloud's own record of status changes, where it keeps one (the simulator does).
    history: Array.isArray(v.extra.history) ? (v.extra.history as { status: string; at: string }[]) : [],
  }));
}
