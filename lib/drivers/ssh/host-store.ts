import type { Tags } from "../types";

/** What a host said of itself at login: read from it, never asked of the user. */
export interface HostFacts {
  vcpu: number;
  memoryGiB: number;
  /** `PRETTY_NAME` of /etc/os-release, e.g. `Debian GNU/Linux 12 (bookworm)`. */
  os: string;
  /** `uname -m`, e.g. `x86_64`, `aarch64`. */
  arch: string;
}

/** The network parts a VM was created with, kept so a vNet still in use refuses to go. */
export interface ClaimData {
  subnetId: string;
  vNetId: string;
  securityGroupIds: string[];
  keyPairId: string;
  imageId: string;
}

/** One registered server of an ssh connection; `vmId` is set while a VM holds it. */
export interface SshHostRecord {
  id: string;
  connection: string;
  address: string;
  port: number;
  name: string;
  vmId: string | null;
  clientToken: string | null;
  vmName: string | null;
  tags: Tags;
  claim: ClaimData | null;
  /** Epoch milliseconds. */
  claimedAt: number | null;
  facts: HostFacts | null;
}

export interface ClaimRequest {
  vmId: string;
  clientToken: string | null;
  vmName: string;
  tags: Tags;
  claim: ClaimData;
  at: number;
}

export type SshResourceKind = "vnet" | "securityGroup" | "keyPair";

/** A vNet, security group or key pair record of an ssh connection (nothing is made on the hosts). */
export interface SshResourceRecord {
  id: string;
  connection: string;
  kind: SshResourceKind;
  name: string;
  tags: Tags;
  data: Record<string, unknown>;
}

/**
 * Where the ssh driver keeps its hosts, their claims and its network records; the server backs it
 * with its database. `claim` must be atomic: two claims at once never take one host, and a claim
 * repeated with the same client token answers the host the first one took.
 */
export interface SshHostStore {
  hosts(connection: string): Promise<SshHostRecord[]>;
  /** Where the connection's servers stand, as registered. */
  location(connection: string): Promise<{ latitude: number; longitude: number } | null>;
  byVmId(connection: string, vmId: string): Promise<SshHostRecord | null>;
  /**
   * Takes a free host, passing over the ids in `skip` (hosts that just failed their check), or
   * answers the one already taken under this client token; null when none is free.
   */
  claim(connection: string, req: ClaimRequest, skip?: ReadonlySet<string>): Promise<SshHostRecord | null>;
  /** Frees the host a VM holds: true when it held one. */
  release(connection: string, vmId: string): Promise<boolean>;
  setFacts(hostId: string, facts: HostFacts, at: number): Promise<void>;

  /** Inserts a record; a name already taken for that kind in the connection throws ConflictError. */
  insertResource(record: SshResourceRecord): Promise<void>;
  resource(connection: string, id: string): Promise<SshResourceRecord | null>;
  resources(connection: string, kind: SshResourceKind): Promise<SshResourceRecord[]>;
  removeResource(connection: string, id: string): Promise<void>;
}
