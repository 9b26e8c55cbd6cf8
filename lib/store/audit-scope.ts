import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "./generated/prisma/client";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Who asked for a change, and what: one per audited request. */
export interface AuditRecord {
  actor: string;
  actorId: string | null;
  role: string;
  tokenId: string | null;
  action: string;
  target: string;
  source: string | null;
  /** The status the request answers when it succeeds. */
  status: number;
}

/** One request's audit record; `written` turns true once an entry for it is in the database. */
export interface AuditScope {
  record: AuditRecord;
  written: boolean;
}

const scopes = new AsyncLocalStorage<AuditScope>();

/** Runs a request's work with its audit record at hand, so the store can write it with the change. */
export function runAudited<T>(scope: AuditScope, fn: () => Promise<T>): Promise<T> {
  return scopes.run(scope, fn);
}

/** The pending record of the request in progress, once: whoever writes it first marks it written. */
export function takeAuditRecord(): AuditRecord | null {
  const scope = scopes.getStore();
  if (!scope || scope.written) return null;
  scope.written = true;
  return scope.record;
}

/** Whether the request in progress still has an audit record to write. */
export function auditPending(): boolean {
  const scope = scopes.getStore();
  return !!scope && !scope.written;
}

/**
 * A change and its audit entry in one transaction: the entry exists exactly when the change does.
 * Outside an audited request (the reconciler, start-up) it is the change alone.
 */
export async function audited<T>(prisma: PrismaClient, change: (tx: Tx) => Promise<T>): Promise<T> {
  if (!auditPending()) return change(prisma as unknown as Tx);
  return prisma.$transaction(async (tx) => {
    const result = await change(tx);
    const record = takeAuditRecord();
    if (record) await tx.auditEntry.create({ data: { ...record, result: "ok" } });
    return result;
  });
}

/** A change that needs a transaction anyway, with the request's audit entry written inside it. */
export async function inTransaction<T>(prisma: PrismaClient, change: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const result = await change(tx);
    const record = takeAuditRecord();
    if (record) await tx.auditEntry.create({ data: { ...record, result: "ok" } });
    return result;
  });
}
