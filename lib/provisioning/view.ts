import { getRegion, getSpec } from "@/lib/catalogue";
import type { VmWish } from "@/lib/core/lifecycle";
import { aggregateStatus } from "@/lib/core/mci-status";
import type { VmStatus } from "@/lib/core/types";
import type { HostPlaces, MciWithParts, VmRow } from "@/lib/store/mci";
import type { MciView, VmView } from "@/lib/validation/mci";
import { round } from "./plan";
import { readHistory } from "./reconciler/vm-history";

/** Statuses in which a VM's compute is billed. */
const BILLED: readonly VmStatus[] = ["Creating", "Running", "Rebooting", "Resuming", "Suspending"];

export function toVmView(v: VmRow, subGroupName: string, hostPlaces?: HostPlaces): VmView {
  const region = getRegion(v.regionKey);
  const place = hostPlaces?.places[v.connection];
  if (!region && place) return hostVmView(v, subGroupName, place, hostPlaces!.hosts[v.id]);
  const spec = getSpec(v.regionKey, v.specId);
  return {
    id: v.id,
    name: v.name,
    mciId: v.mciId,
    subGroup: subGroupName,
    connection: v.connection,
    region: v.regionKey,
    provider: region?.provider ?? "",
    latitude: region?.latitude ?? 0,
    longitude: region?.longitude ?? 0,
    status: v.status as VmStatus,
    desired: v.desired,
    statusReason: v.statusReason,
    publicIp: v.publicIp,
    privateIp: v.privateIp,
    zone: v.zone,
    cloudId: v.cloudId,
    specId: v.specId,
    specName: spec?.name ?? v.specId,
    vcpu: spec?.vcpu ?? 0,
    memoryGiB: spec?.memoryGiB ?? 0,
    pricePerHour: spec?.pricePerHour ?? 0,
    imageId: v.imageId,
    history: readHistory(v).map((h) => ({ status: h.status, at: new Date(h.at).toISOString(), ...(h.reason ? { reason: h.reason } : {}) })),
    createdAt: v.createdAt.toISOString(),
  };
}

/**
 * A VM on a registered host: placed at its connection's location, its shape what the host it
 * holds said of itself (a VM still waiting for a host shows none yet), and no hourly price.
 */
function hostVmView(v: VmRow, subGroupName: string, place: HostPlaces["places"][string], host: HostPlaces["hosts"][string] | undefined): VmView {
  const f = host?.facts;
  return {
    ...toVmView({ ...v, regionKey: "" }, subGroupName),
    region: v.regionKey,
    provider: "ssh",
    latitude: place.latitude,
    longitude: place.longitude,
    specName: f ? `${f.vcpu} vCPU, ${f.memoryGiB} GiB (${f.os})` : host ? host.name : "registered host",
    vcpu: f?.vcpu ?? 0,
    memoryGiB: f?.memoryGiB ?? 0,
    pricePerHour: 0,
  };
}

/** A row as the status rules read it; the pending reboot is known only here, not in the VM's view. */
function wishOf(v: VmRow): VmWish {
  return { status: v.status as VmStatus, desired: v.desired, rebootPending: v.rebootWanted > v.rebootDone };
}

export function toMciView(m: MciWithParts): MciView {
  const sgName = subGroupNames(m);
  return assembleMciView(m, m.vms.map((v) => toVmView(v, sgName.get(v.subGroupId) ?? "", m.hostPlaces)));
}

/** Subgroup names by subgroup id: what a VM's view shows of its subgroup. */
export function subGroupNames(m: Pick<MciWithParts, "subGroups">): Map<string, string> {
  return new Map(m.subGroups.map((s) => [s.id, s.name]));
}

/**
 * The MCI's view around VM views already made from `m.vms` (in the same order): a watcher that
 * keeps the views of unchanged VMs reuses them instead of remaking thousands every second.
 */
export function assembleMciView(m: MciWithParts, vms: VmView[]): MciView {
  const { status, state, statusCount } = aggregateStatus(m.vms.map(wishOf), m.deleting);
  const bySubGroup = new Map<string, VmRow[]>();
  for (const v of m.vms) {
    const rows = bySubGroup.get(v.subGroupId);
    if (rows) rows.push(v);
    else bySubGroup.set(v.subGroupId, [v]);
  }
  return {
    id: m.id,
    namespace: m.namespace,
    name: m.name,
    description: m.description,
    policy: m.policy,
    status,
    state,
    targetAction: m.targetAction,
    deleting: m.deleting,
    statusCount,
    costPerHour: round(vms.filter((v) => BILLED.includes(v.status)).reduce((s, v) => s + v.pricePerHour, 0)),
    subGroups: m.subGroups.map((s) => ({
      name: s.name,
      connection: s.connection,
      region: s.regionKey,
      specId: s.specId,
      imageId: s.imageId,
      count: s.count,
      ...subGroupStatus(bySubGroup.get(s.id) ?? []),
    })),
    vms,
    createdAt: m.createdAt.toISOString(),
  };
}

/** A subgroup's status never says Deleting: the MCI's does. */
function subGroupStatus(rows: readonly VmRow[]): Pick<MciView["subGroups"][number], "status" | "state"> {
  const { status, state } = aggregateStatus(rows.map(wishOf));
  return { status, state };
}
