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

/** The request in progress's scope, while its entry is still to be written. */
function pendingScope(): AuditScope | null {
  const scope = scopes.getStore();
  return scope && !scope.written ? scope : null;
}

/**
 * A change that needs a transaction anyway, with the request's audit entry written inside it: the
 * entry exists exactly when the change does, and the request counts as audited once both commit.
 */
export async function inTransaction<T>(prisma: PrismaClient, change: (tx: Tx) => Promise<T>): Promise<T> {
  const scope = pendingScope();
  const result = await prisma.$transaction(async (tx) => {
    const r = await change(tx);
    if (scope) await tx.auditEntry.create({ data: { ...scope.record, result: "ok" } });
    return r;
  });
  if (scope) scope.written = true;
  return result;
}

/** A change and its audit entry in one transaction; outside an audited request (the reconciler, start-up) the change alone. */
export async function audited<T>(prisma: PrismaClient, change: (tx: Tx) => Promise<T>): Promise<T> {
  return pendingScope() ? inTransaction(prisma, change) : change(prisma as unknown as Tx);
}

/**
 * Names what the request in progress changed more precisely than its path does (a remote
 * command's id and text), for its audit entry; outside an audited request it does nothing.
 */
export function setAuditTarget(target: string): void {
  const scope = pendingScope();
  if (scope) scope.record.target = target;
}
