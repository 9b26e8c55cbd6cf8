import { getRegion, getSpec } from "@/lib/catalogue";
import { aggregateStatus } from "@/lib/core/mci-status";
import type { VmStatus } from "@/lib/core/types";
import type { MciWithParts, VmRow } from "@/lib/store/mci";
import type { MciView, VmView } from "@/lib/validation/mci";
import { round } from "./plan";
import { readHistory } from "./reconciler/vm-history";

/** Statuses in which a VM's compute is billed. */
const BILLED: readonly VmStatus[] = ["Creating", "Running", "Rebooting", "Resuming", "Suspending"];

export function toVmView(v: VmRow, subGroupName: string): VmView {
  const region = getRegion(v.regionKey);
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

export function toMciView(m: MciWithParts): MciView {
  const sgName = new Map(m.subGroups.map((s) => [s.id, s.name]));
  const vms = m.vms.map((v) => toVmView(v, sgName.get(v.subGroupId) ?? ""));
  const { status, statusCount } = aggregateStatus(vms.map((v) => v.status));
  return {
    id: m.id,
    namespace: m.namespace,
    name: m.name,
    description: m.description,
    policy: m.policy,
    status: m.deleting ? `Deleting (${statusCount.terminated}/${statusCount.total} terminated)` : status,
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
      status: aggregateStatus(vms.filter((v) => v.subGroup === s.name).map((v) => v.status)).status,
    })),
    vms,
    createdAt: m.createdAt.toISOString(),
  };
}
