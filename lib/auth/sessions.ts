import { NotFoundError } from "@/lib/core/errors";
import type { UserRepository } from "@/lib/store";
import type { SessionView } from "@/lib/validation/account";
import type { Principal } from "./principal";

export interface SessionDeps {
  users: UserRepository;
}

/** The columns a view is made of: the row's `token` is what the cookie carries, so it is left out by type, not by care. */
interface SessionRow {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

export function toSessionView(row: SessionRow, currentId: string | undefined): SessionView {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    ipAddress: row.ipAddress || null,
    userAgent: row.userAgent || null,
    current: currentId !== undefined && row.id === currentId,
  };
}

/**
 * The live sessions of the caller's user (a token's owner), the one this request came with first,
 * then the most recently seen. The automation token and anonymous readers have none.
 */
export async function listSessions(deps: SessionDeps, caller: Principal): Promise<SessionView[]> {
  if (!caller.userId) return [];
  const rows = await deps.users.sessions(caller.userId);
  return rows.map((r) => toSessionView(r, caller.sessionId)).sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/**
 * Ends one of the caller's own sessions: that browser's next request is signed out. Someone
 * else's session is answered exactly like a missing one, so ids cannot be probed.
 */
export async function revokeSession(deps: SessionDeps, caller: Principal, id: string): Promise<{ current: boolean }> {
  const missing = () => new NotFoundError(`no session "${id}" of yours; GET /api/v1/sessions lists them`);
  if (!caller.userId) throw missing();
  // Looked up before the delete: the delete writes the request's audit entry as "ok" in its own
  // transaction, which a refused request must not get.
  const own = (await deps.users.sessions(caller.userId)).some((s) => s.id === id);
  if (!own) throw missing();
  // Gone between the two reads (signed out at that moment): gone is what was asked for.
  await deps.users.removeSession(caller.userId, id);
  return { current: id === caller.sessionId };
}
