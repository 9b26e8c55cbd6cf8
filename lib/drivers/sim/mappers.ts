import type { VmStatus } from "@/lib/core/types";
import type { KeyPair, SecurityGroup, SecurityRule, Subnet, VNet, Vm } from "../types";
import type { SimRecord } from "./store";

/** The simulator's own status words (EC2's), mapped to ours; anything unknown becomes Undefined. */
export const STATE_MAP: Record<string, VmStatus> = {
  pending: "Creating",
  running: "Running",
  stopping: "Suspending",
  stopped: "Suspended",
  starting: "Resuming",
  rebooting: "Rebooting",
  "shutting-down": "Terminating",
  terminated: "Terminated",
  failed: "Failed",
};

export function toVmStatus(providerState: string): VmStatus {
  return STATE_MAP[providerState] ?? "Undefined";
}

export interface VmData {
  specName: string;
  imageId: string;
  zone: string;
  vNetId: string;
  securityGroupIds: string[];
  keyPairId: string;
  statusReason: string | null;
  history: { status: VmStatus; at: number }[];
  memoryGiB: number;
  pricePerHour: number;
}

export function toVm(r: SimRecord): Vm {
  const d = r.data as unknown as VmData;
  return {
    id: r.id,
    name: r.name,
    status: toVmStatus(r.status),
    specName: d.specName,
    imageId: d.imageId,
    zone: d.zone,
    vNetId: d.vNetId,
    subnetId: r.subnetId ?? "",
    securityGroupIds: d.securityGroupIds,
    keyPairId: d.keyPairId,
    publicIp: r.publicIp,
    privateIp: r.privateIp,
    createdAt: new Date(r.createdAt).toISOString(),
    tags: r.tags,
    statusReason: d.statusReason,
    extra: {
      providerState: r.status,
      regionKey: r.regionKey,
      vcpu: r.vcpu,
      memoryGiB: d.memoryGiB,
      pricePerHour: d.pricePerHour,
      history: d.history.map((h) => ({ status: h.status, at: new Date(h.at).toISOString() })),
    },
  };
}

export function toVNet(r: SimRecord): VNet {
  const d = r.data as { cidr: string; subnets: Subnet[] };
  return { id: r.id, name: r.name, cidr: d.cidr, subnets: d.subnets, tags: r.tags, extra: { regionKey: r.regionKey } };
}

export function toSecurityGroup(r: SimRecord): SecurityGroup {
  const d = r.data as { vNetId: string; rules: SecurityRule[] };
  return { id: r.id, name: r.name, vNetId: d.vNetId, rules: d.rules, tags: r.tags, extra: { regionKey: r.regionKey } };
}

export function toKeyPair(r: SimRecord, privateKey?: string): KeyPair {
  const d = r.data as { fingerprint: string; publicKey: string };
  return {
    id: r.id,
    name: r.name,
    fingerprint: d.fingerprint,
    publicKey: d.publicKey,
    ...(privateKey ? { privateKey } : {}),
    tags: r.tags,
    extra: { regionKey: r.regionKey },
  };
}
