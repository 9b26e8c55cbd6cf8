import { createHash, randomUUID } from "node:crypto";
import { generateRandomString } from "better-auth/crypto";
import { ForbiddenError, NotFoundError } from "@/lib/core/errors";
import { lowerRole, mayGrant, type TokenRole } from "@/lib/core/roles";
import type { Clock } from "@/lib/core/clock";
import type { ApiTokenRepository, TokenWithUser } from "@/lib/store";
import { parseNamespaceRoles, userRole, type Principal } from "./principal";

export interface TokenDeps {
  tokens: ApiTokenRepository;
  clock: Clock;
}

export interface TokenView {
  id: string;
  name: string;
  role: TokenRole;
  start: string;
  owner: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** Tokens look like `brst_` and 43 random letters and digits (about 256 bits). */
const PREFIX = "brst_";

/** Only the hash is stored: a database leak gives no working token. */
export function hashToken(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

function toView(t: TokenWithUser): TokenView {
  return {
    id: t.id,
    name: t.name,
    role: t.role as TokenRole,
    start: t.start,
    owner: t.user?.email ?? null,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
  };
}

/** Makes a token for the caller; its value is in this answer and nowhere else, ever. */
export async function issueToken(deps: TokenDeps, caller: Principal, input: { name: string; role: TokenRole; expiresInDays?: number }) {
  if (!mayGrant(caller.role, input.role)) throw new ForbiddenError(`a ${caller.role} may not make ${input.role === "admin" || input.role === "agent" || input.role === "operator" ? "an" : "a"} ${input.role} token; choose a role no higher than your own`, "role");
  const token = PREFIX + generateRandomString(43, "a-z", "A-Z", "0-9");
  const expiresAt = input.expiresInDays ? new Date(deps.clock.now() + input.expiresInDays * 86_400_000) : null;
  const row = await deps.tokens.create({ id: randomUUID(), name: input.name, role: input.role, hash: hashToken(token), start: token.slice(0, PREFIX.length + 4), userId: caller.userId, expiresAt });
  return { id: row.id, name: row.name, role: input.role, token, expiresAt: expiresAt?.toISOString() ?? null };
}

/** The principal a bearer token stands for, or null when it is unknown or expired. A token never outranks its owner as the owner is now. */
export async function principalForToken(deps: TokenDeps, value: string): Promise<Principal | null> {
  if (!value.startsWith(PREFIX)) return null;
  const t = await deps.tokens.byHash(hashToken(value));
  const now = deps.clock.now();
  if (!t || (t.expiresAt && t.expiresAt.getTime() <= now)) return null;
  deps.tokens.touch(t, new Date(now));
  const role = t.user ? lowerRole(t.role as TokenRole, userRole(t.user.role)) : (t.role as TokenRole);
  return { kind: "token", userId: t.userId, name: t.name, role, tokenId: t.id, namespaceRoles: parseNamespaceRoles(t.user?.namespaceRoles) };
}

/** Admins see every token; others their own. */
export async function listTokens(deps: TokenDeps, caller: Principal): Promise<TokenView[]> {
  const rows = await deps.tokens.list(caller.role === "admin" ? undefined : (caller.userId ?? "-"));
  return rows.map(toView);
}

export async function revokeToken(deps: TokenDeps, caller: Principal, id: string): Promise<void> {
  const t = await deps.tokens.find(id);
  if (!t || (caller.role !== "admin" && t.userId !== caller.userId)) throw new NotFoundError(`no token "${id}" of yours; GET /api/v1/tokens lists them`);
  await deps.tokens.remove(id);
}
