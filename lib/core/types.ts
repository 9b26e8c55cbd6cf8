/** Shared domain vocabulary. Pure: no framework, database or SDK imports. */

/** A cloud provider id as the catalogue spells it: aws, azure, gcp, alibaba, tencent, ibm, ncp, nhn, kt, openstack … */
export type ProviderId = string;

/** `provider-region`, e.g. `aws-ap-northeast-2`: the key the latency map uses. */
export type RegionKey = string;

export interface Region {
  key: RegionKey;
  provider: ProviderId;
  /** The provider's own region code, e.g. `ap-northeast-2`. */
  region: string;
  /** Human name, e.g. `South Korea (Seoul)`. */
  name: string;
  latitude: number;
  longitude: number;
  zones: string[];
}

export interface Accelerator {
  type: string; // "gpu" | "npu" | …
  model: string;
  count: number;
  memoryGiB: number | null;
}

/** A VM size offered in one region. */
export interface Spec {
  /** `provider+region+name`, the form CB-Tumblebug uses. */
  id: string;
  /** The provider's own type name, e.g. `t3.micro`. */
  name: string;
  provider: ProviderId;
  regionKey: RegionKey;
  vcpu: number;
  memoryGiB: number;
  accelerator: Accelerator | null;
  /** USD per hour, on-demand, Linux. */
  pricePerHour: number;
  /** Where the price comes from: a CB-Tumblebug price file, a public list price, or a regional model. */
  /** `owned`: a registered server of an ssh connection, already paid for. */
  priceSource: "tumblebug" | "list" | "modelled" | "owned";
  family: string;
}

export interface Image {
  /** The provider's own image name or id. */
  id: string;
  name: string;
  /** Human OS name, e.g. `Ubuntu 22.04`. */
  os: string;
  architecture: "x86_64" | "arm64";
  description: string;
  /** The image Barista uses when the user does not choose one. */
  isDefault: boolean;
}

export const VM_STATUSES = [
  "Creating",
  "Running",
  "Suspending",
  "Suspended",
  "Resuming",
  "Rebooting",
  "Terminating",
  "Terminated",
  "Failed",
  "Undefined",
] as const;
export type VmStatus = (typeof VM_STATUSES)[number];

export type LatencySource = "measured" | "estimated";

export interface Rtt {
  rttMs: number;
  source: LatencySource;
}
