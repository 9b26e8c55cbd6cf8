import type { MetricName } from "@/lib/core/metrics";
import type { Image, ProviderId, Region, Spec, VmStatus } from "@/lib/core/types";

/**
 * The driver vocabulary (CB-Spider's job), shaped after Apache Libcloud: a small shared set of
 * calls with normalized value objects. Provider-only fields go in `extra`; nothing past a driver's
 * mappers sees a provider's raw shape. See README.md in this folder for the mapping to EC2, GCE and Azure.
 */

export type Tags = Record<string, string>;

/** What a driver is bound to: one provider region under one credential. */
export interface ConnectionConfig {
  name: string;
  driver: string;
  provider: ProviderId;
  /** The provider's region code, e.g. `us-east-1`. */
  region: string;
  credential: string;
}

export interface VNet {
  id: string;
  name: string;
  cidr: string;
  subnets: Subnet[];
  tags: Tags;
  extra: Record<string, unknown>;
}

export interface Subnet {
  id: string;
  name: string;
  cidr: string;
  zone: string | null;
}

export interface CreateVNetRequest {
  name: string;
  cidr: string;
  subnets: { name: string; cidr: string; zone?: string }[];
  tags?: Tags;
}

export interface SecurityRule {
  direction: "inbound" | "outbound";
  protocol: "tcp" | "udp" | "icmp" | "all";
  fromPort: number;
  toPort: number;
  cidr: string;
}

export interface SecurityGroup {
  id: string;
  name: string;
  vNetId: string;
  rules: SecurityRule[];
  tags: Tags;
  extra: Record<string, unknown>;
}

export interface CreateSecurityGroupRequest {
  name: string;
  vNetId: string;
  rules: SecurityRule[];
  tags?: Tags;
}

export interface KeyPair {
  id: string;
  name: string;
  /** SHA256 fingerprint of the public key, as `ssh-keygen -l` prints it. */
  fingerprint: string;
  publicKey: string;
  /** Only present in the answer to createKeyPair: providers never show it again. */
  privateKey?: string;
  tags: Tags;
  extra: Record<string, unknown>;
}

export interface CreateKeyPairRequest {
  name: string;
  /**
   * An OpenSSH public key to import (EC2 ImportKeyPair, Azure SSH public key, GCE metadata);
   * without it the cloud makes the pair and hands out the private key once.
   */
  publicKey?: string;
  tags?: Tags;
}

export interface Vm {
  id: string;
  name: string;
  status: VmStatus;
  specName: string;
  imageId: string;
  zone: string;
  vNetId: string;
  subnetId: string;
  securityGroupIds: string[];
  keyPairId: string;
  publicIp: string | null;
  privateIp: string | null;
  createdAt: string;
  tags: Tags;
  /** A provider message about the last failure, e.g. why a VM ended Failed. */
  statusReason: string | null;
  extra: Record<string, unknown>;
}

export interface CreateVmRequest {
  name: string;
  /** The provider's type name (Spec.name), e.g. `t3.micro`. */
  specName: string;
  imageId: string;
  zone?: string;
  subnetId: string;
  securityGroupIds: string[];
  keyPairId: string;
  tags?: Tags;
  /**
   * Idempotency token (EC2 ClientToken, GCE requestId, Azure's PUT by name): a repeated call with
   * the same token returns the VM the first call made instead of making another.
   */
  clientToken?: string;
}

export interface ListFilter {
  /** Only resources carrying every one of these tags. */
  tags?: Tags;
}

export interface MetricQuery {
  metric: MetricName;
  fromMs: number;
  toMs: number;
  stepSeconds: number;
}

export interface MetricSeries {
  metric: MetricName;
  points: [number, number][];
}

/** How one registered host answered a verify: logged in and read, or why not. */
export interface HostVerify {
  address: string;
  port: number;
  name: string;
  ok: boolean;
  message: string;
  facts?: { vcpu: number; memoryGiB: number; os: string; arch: string };
}

export interface VerifyResult {
  regionFound: boolean;
  specCount: number;
  imageCount: number;
  message: string;
  /** Drivers over registered hosts report each one; the check is ok only when all are. */
  hosts?: HostVerify[];
}

/**
 * Where and as whom to log in to a VM over SSH. `privateKey` is set when the connection has its
 * own key (a registered host's credential); otherwise Barista signs in with the namespace's key,
 * which it imported into the cloud with the VM's key pair.
 */
export interface SshLogin {
  host: string;
  port: number;
  username: string;
  privateKey?: string;
}

/** What Barista knows of a VM it wants to log in to: the cloud's id for it, its name and its addresses. */
export type SshLoginTarget = Pick<Vm, "id" | "name" | "publicIp" | "privateIp">;

export interface CloudDriver {
  readonly connection: ConnectionConfig;

  /**
   * How long after the fact the cloud's metric service holds a window complete (CloudWatch
   * publishes EC2's basic monitoring minutes late). The collector asks only for windows that
   * ended at least this long ago, since it never asks for a window twice. Absent: at once.
   */
  readonly metricLagMs?: number;
  /**
   * The cloud's metric period when it is coarser than the collector's tick (CloudWatch's 5
   * minutes): the collector then asks for whole periods, once each, not for a sliver every tick
   * (a metric service may bill per query). Absent: every tick.
   */
  readonly metricPeriodMs?: number;

  /**
   * How to reach a VM of this connection over SSH (the remote-command engine and the agentless
   * metrics use it), or NotSupportedError / UnavailableError when the VM cannot be reached (no public address yet).
   */
  sshLogin(vm: SshLoginTarget): Promise<SshLogin>;

  /** Checks the credential and region with one cheap read, as CB-Spider's connection check does. */
  verify(): Promise<VerifyResult>;

  listRegions(): Promise<Region[]>;
  listSpecs(): Promise<Spec[]>;
  listImages(): Promise<Image[]>;

  createVNet(req: CreateVNetRequest): Promise<VNet>;
  getVNet(id: string): Promise<VNet>;
  listVNets(filter?: ListFilter): Promise<VNet[]>;
  deleteVNet(id: string): Promise<void>;

  createSecurityGroup(req: CreateSecurityGroupRequest): Promise<SecurityGroup>;
  getSecurityGroup(id: string): Promise<SecurityGroup>;
  listSecurityGroups(filter?: ListFilter): Promise<SecurityGroup[]>;
  deleteSecurityGroup(id: string): Promise<void>;
  /**
   * Adds rules to a group (an app's ports); a rule the group already has is not added twice, so a
   * repeated call is harmless. Drivers whose machines have no cloud firewall throw NotSupportedError.
   */
  addSecurityRules(securityGroupId: string, rules: SecurityRule[]): Promise<SecurityGroup>;

  createKeyPair(req: CreateKeyPairRequest): Promise<KeyPair>;
  getKeyPair(id: string): Promise<KeyPair>;
  listKeyPairs(filter?: ListFilter): Promise<KeyPair[]>;
  deleteKeyPair(id: string): Promise<void>;

  /** Starts a VM; it comes back Creating and reaches Running (or Failed) later, as on a real cloud. */
  createVm(req: CreateVmRequest): Promise<Vm>;
  getVm(id: string): Promise<Vm>;
  listVms(filter?: ListFilter): Promise<Vm[]>;
  suspendVm(id: string): Promise<Vm>;
  resumeVm(id: string): Promise<Vm>;
  rebootVm(id: string): Promise<Vm>;
  /** Idempotent: terminating a VM that is already going or gone answers its current state. */
  terminateVm(id: string): Promise<Vm>;

  /**
   * One metric of a VM (the cloud's id for it) in buckets of `stepSeconds`, stamped with their
   * start, in [fromMs, toMs). Everything up to the moment of the call is answered: the metric
   * collector asks for windows ending no later than its own clock and moves its cursor past them.
   * Clouds without a metric service throw NotSupportedError.
   */
  getMetrics(vmId: string, query: MetricQuery): Promise<MetricSeries>;
}
