import type { Tags } from "../types";

export type SimKind = "vnet" | "securityGroup" | "keyPair" | "vm";

/** One resource as the simulated provider holds it. Times are epoch milliseconds. */
export interface SimRecord {
  id: string;
  account: string;
  regionKey: string;
  kind: SimKind;
  name: string;
  status: string;
  tags: Tags;
  data: Record<string, unknown>;
  vcpu: number;
  subnetId: string | null;
  privateIp: string | null;
  publicIp: string | null;
  clientToken: string | null;
  pendingOp: string | null;
  opOutcome: string | null;
  opDoneAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface SimScope {
  account: string;
  regionKey: string;
}

/**
 * An insert found its address (public or private) or client token taken meanwhile: another server
 * calling the same simulated cloud got there first. The caller picks again.
 */
export class SimTakenError extends Error {
  constructor() {
    super("the address or client token was taken meanwhile");
  }
}

/** A VM of a region as a create sees it. */
export type SimPlacement = Pick<SimRecord, "id" | "clientToken" | "vcpu" | "subnetId" | "privateIp">;

/**
 * Where the simulated clouds keep their state; the server backs it with its database, so a restart
 * loses nothing, and every server sharing the database sees one cloud.
 */
export interface SimStore {
  /** Throws SimTakenError when a unique address or client token is already held. */
  insert(record: SimRecord): Promise<void>;
  update(id: string, patch: Partial<Omit<SimRecord, "id">>): Promise<void>;
  /**
   * Applies the patch only while the record's pending operation is still the one given (another
   * server may have settled it first); answers whether it did.
   */
  updateIfPending(id: string, pending: { pendingOp: string | null; opDoneAt: number | null }, patch: Partial<Omit<SimRecord, "id">>): Promise<boolean>;
  get(id: string): Promise<SimRecord | null>;
  list(scope: SimScope, kind: SimKind): Promise<SimRecord[]>;
  /** What a create counts its region's VMs by (quota, free addresses, client tokens): a few columns, not whole records. */
  placements(scope: SimScope): Promise<SimPlacement[]>;
  findByClientToken(scope: SimScope, kind: SimKind, token: string): Promise<SimRecord | null>;
  isPublicIpTaken(ip: string): Promise<boolean>;
  /** Removes a record (and, for a VM, what its disk held). */
  remove(id: string): Promise<void>;
  /** What a VM's disk holds beyond its image (JSON), with its version; null when nothing was kept. */
  hostState(vmId: string): Promise<{ json: string; version: string } | null>;
  saveHostState(vmId: string, json: string, version: string): Promise<void>;
}
