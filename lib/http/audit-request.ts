import type { Principal } from "@/lib/auth";
import { runAudited, type AuditRecord, type AuditRepository, type AuditScope } from "@/lib/store";
import type { DescribedError } from "./errors";

const MAX_RESULT = 500;

/** The first address of X-Forwarded-For (Next.js sets it to the peer's address when no proxy did). */
export function sourceAddress(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0].trim() || null;
}

export function auditScopeFor(p: Principal, action: string, target: string, headers: Headers, status: number): AuditScope {
  return { record: { actor: p.name, actorId: p.userId, role: p.role, tokenId: p.tokenId, action, target, source: sourceAddress(headers), status }, written: false };
}

/**
 * Runs one change with its audit record at hand: the store writes the record in the change's own
 * transaction; a change outside the database (a verify, a download) is recorded here after it.
 * What the record holds is chosen by the caller: names and paths, never a body, so never a secret.
 */
export async function withAudit<T>(audit: AuditRepository, scope: AuditScope, fn: () => Promise<T>): Promise<T> {
  const result = await runAudited(scope, fn);
  if (!scope.written) {
    scope.written = true;
    await audit.append(scope.record, "ok");
  }
  return result;
}

/** A request that was refused or failed before its change was written. */
export async function auditFailure(audit: AuditRepository, scope: AuditScope | null, d: DescribedError): Promise<void> {
  if (!scope) return;
  // A change saved before a later step failed keeps its "ok" entry (it happened); the failure is told beside it.
  const result = scope.written ? `failed after the change was saved: ${d.body.error}` : `refused: ${d.body.error}`;
  scope.written = true;
  await audit.append({ ...scope.record, status: d.status }, result.slice(0, MAX_RESULT)).catch((e: unknown) => console.error("[barista] audit entry not written:", e));
}
