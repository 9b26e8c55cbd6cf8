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

/** Where the simulated clouds keep their state; the server backs it with its database, so a restart loses nothing. */
export interface SimStore {
  insert(record: SimRecord): Promise<void>;
  update(id: string, patch: Partial<Omit<SimRecord, "id">>): Promise<void>;
  get(id: string): Promise<SimRecord | null>;
  list(scope: SimScope, kind: SimKind): Promise<SimRecord[]>;
  findByClientToken(scope: SimScope, kind: SimKind, token: string): Promise<SimRecord | null>;
  isPublicIpTaken(ip: string): Promise<boolean>;
  remove(id: string): Promise<void>;
}
