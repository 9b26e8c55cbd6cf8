import type { Instance, IpPermission, KeyPairInfo, SecurityGroup as Ec2SecurityGroup, Subnet as Ec2Subnet, Tag, Vpc } from "@aws-sdk/client-ec2";
import type { VmStatus } from "@/lib/core/types";
import { sshFingerprint } from "../ssh-key";
import type { KeyPair, SecurityGroup, SecurityRule, Subnet, Tags, VNet, Vm } from "../types";

/** EC2's `State.Name` in Barista's words; anything unknown becomes Undefined. */
export const STATE_MAP: Record<string, VmStatus> = {
  pending: "Creating",
  running: "Running",
  stopping: "Suspending",
  stopped: "Suspended",
  "shutting-down": "Terminating",
  terminated: "Terminated",
};

/**
 * EC2 has no state for a reboot or for a start in progress, so the driver writes what it asked
 * for on the instance itself (`resume@<ms>`, `reboot@<ms>`): any process, before or after a
 * restart, then reads the same status from the same answer.
 */
export const OP_TAG = "barista-op";
/** How long a VM shows Rebooting after RebootInstances: EC2 keeps it `running` throughout. */
export const REBOOT_WINDOW_MS = 60_000;

/** Tags Barista reads from EC2 but keeps out of `tags`: the name, and its own operation marker. */
const RESERVED_TAGS = new Set(["Name", OP_TAG]);

export function toTags(tags: Tag[] | undefined): Tags {
  const out: Tags = {};
  for (const t of tags ?? []) if (t.Key && !RESERVED_TAGS.has(t.Key)) out[t.Key] = t.Value ?? "";
  return out;
}

export function tagValue(tags: Tag[] | undefined, key: string): string | undefined {
  return tags?.find((t) => t.Key === key)?.Value;
}

/** EC2 tags for a resource: the request's tags plus `Name`, which the console shows. */
export function toEc2Tags(name: string, tags: Tags | undefined): Tag[] {
  return [{ Key: "Name", Value: name }, ...Object.entries(tags ?? {}).filter(([k]) => k !== "Name").map(([Key, Value]) => ({ Key, Value }))];
}

/** `tag:` filters that find only resources carrying every one of the tags. */
export function tagFilters(tags: Tags | undefined): { Name: string; Values: string[] }[] {
  return Object.entries(tags ?? {}).map(([k, v]) => ({ Name: `tag:${k}`, Values: [v] }));
}

export function toVmStatus(instance: Pick<Instance, "State" | "StateReason" | "Tags">, now: number): VmStatus {
  const state = instance.State?.Name ?? "";
  // A VM that died on the provider's side is Failed, not merely gone.
  if (state === "terminated" && instance.StateReason?.Code?.startsWith("Server.")) return "Failed";
  const op = parseOp(tagValue(instance.Tags, OP_TAG));
  if (state === "pending" && op?.action === "resume") return "Resuming";
  if (state === "running" && op?.action === "reboot" && now < op.at + REBOOT_WINDOW_MS) return "Rebooting";
  return STATE_MAP[state] ?? "Undefined";
}

export function parseOp(value: string | undefined): { action: string; at: number } | null {
  const m = /^(\w+)@(\d+)$/.exec(value ?? "");
  return m ? { action: m[1], at: Number(m[2]) } : null;
}

export function toVm(i: Instance, now: number): Vm {
  const status = toVmStatus(i, now);
  return {
    id: i.InstanceId ?? "",
    name: tagValue(i.Tags, "Name") ?? i.InstanceId ?? "",
    status,
    specName: i.InstanceType ?? "",
    imageId: i.ImageId ?? "",
    zone: i.Placement?.AvailabilityZone ?? "",
    vNetId: i.VpcId ?? "",
    subnetId: i.SubnetId ?? "",
    securityGroupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId ?? "").filter(Boolean),
    keyPairId: i.KeyName ?? "",
    publicIp: i.PublicIpAddress ?? null,
    privateIp: i.PrivateIpAddress ?? null,
    createdAt: (i.LaunchTime ?? new Date(0)).toISOString(),
    tags: toTags(i.Tags),
    statusReason: status === "Failed" || status === "Terminated" ? (i.StateReason?.Message ?? null) : null,
    extra: {
      providerState: i.State?.Name ?? null,
      stateReasonCode: i.StateReason?.Code ?? null,
      architecture: i.Architecture ?? null,
      publicDnsName: i.PublicDnsName || null,
      // EC2 moves LaunchTime on every start; createdAt is the latest start.
      launchTime: i.LaunchTime?.toISOString() ?? null,
    },
  };
}

export function toSubnet(s: Ec2Subnet): Subnet {
  return { id: s.SubnetId ?? "", name: tagValue(s.Tags, "Name") ?? s.SubnetId ?? "", cidr: s.CidrBlock ?? "", zone: s.AvailabilityZone ?? null };
}

export function toVNet(v: Vpc, subnets: Ec2Subnet[]): VNet {
  return {
    id: v.VpcId ?? "",
    name: tagValue(v.Tags, "Name") ?? v.VpcId ?? "",
    cidr: v.CidrBlock ?? "",
    subnets: subnets.filter((s) => s.VpcId === v.VpcId).map(toSubnet),
    tags: toTags(v.Tags),
    extra: { isDefault: v.IsDefault ?? false, state: v.State ?? null },
  };
}

const TO_EC2_PROTOCOL: Record<SecurityRule["protocol"], string> = { tcp: "tcp", udp: "udp", icmp: "icmp", all: "-1" };
const FROM_EC2_PROTOCOL: Record<string, SecurityRule["protocol"]> = { tcp: "tcp", "6": "tcp", udp: "udp", "17": "udp", icmp: "icmp", "1": "icmp", "-1": "all" };

/** One EC2 permission per rule: `all` carries no ports on EC2, `icmp` -1/-1 means every type and code. */
export function toIpPermission(r: SecurityRule): IpPermission {
  const IpProtocol = TO_EC2_PROTOCOL[r.protocol];
  const ports = r.protocol === "all" ? {} : { FromPort: r.fromPort, ToPort: r.toPort };
  const range = r.cidr.includes(":") ? { Ipv6Ranges: [{ CidrIpv6: r.cidr }] } : { IpRanges: [{ CidrIp: r.cidr }] };
  return { IpProtocol, ...ports, ...range };
}

function fromIpPermissions(direction: SecurityRule["direction"], perms: IpPermission[] | undefined): SecurityRule[] {
  const out: SecurityRule[] = [];
  for (const p of perms ?? []) {
    const protocol = FROM_EC2_PROTOCOL[p.IpProtocol ?? ""];
    if (!protocol) continue; // another IP protocol number (e.g. 50, ESP): outside Barista's vocabulary
    const fromPort = protocol === "all" ? 0 : (p.FromPort ?? -1);
    const toPort = protocol === "all" ? 65535 : (p.ToPort ?? -1);
    const cidrs = [...(p.IpRanges ?? []).map((r) => r.CidrIp), ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6)];
    for (const cidr of cidrs) if (cidr) out.push({ direction, protocol, fromPort, toPort, cidr });
  }
  return out;
}

export function toSecurityGroup(g: Ec2SecurityGroup): SecurityGroup {
  return {
    id: g.GroupId ?? "",
    name: g.GroupName ?? "",
    vNetId: g.VpcId ?? "",
    rules: [...fromIpPermissions("inbound", g.IpPermissions), ...fromIpPermissions("outbound", g.IpPermissionsEgress)],
    tags: toTags(g.Tags),
    extra: { description: g.Description ?? null },
  };
}

/**
 * The key pair's id is its name: it is what RunInstances takes and what an instance reports, so a
 * VM's `keyPairId` names the same thing `getKeyPair` finds. EC2's own `key-…` id goes in `extra`.
 */
export function toKeyPair(k: KeyPairInfo, privateKey?: string): KeyPair {
  const publicKey = k.PublicKey?.trim() ?? "";
  return {
    id: k.KeyName ?? "",
    name: k.KeyName ?? "",
    fingerprint: sshFingerprint(publicKey) ?? k.KeyFingerprint ?? "",
    publicKey,
    ...(privateKey ? { privateKey } : {}),
    tags: toTags(k.Tags),
    extra: { keyPairId: k.KeyPairId ?? null, keyType: k.KeyType ?? null, ec2Fingerprint: k.KeyFingerprint ?? null },
  };
}
