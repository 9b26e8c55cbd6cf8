import { createHash, timingSafeEqual } from "node:crypto";
import { ForbiddenError, UnauthenticatedError } from "@/lib/core/errors";
import { allows, roleIn, type Access, type Role } from "@/lib/core/roles";
import type { Clock } from "@/lib/core/clock";
import type { ApiTokenRepository, UserRepository } from "@/lib/store";
import type { Auth } from "./better-auth";
import { parseNamespaceRoles, userRole, type Principal } from "./principal";
import { principalForToken } from "./tokens";

export interface AuthDeps {
  auth: Auth;
  tokens: ApiTokenRepository;
  users: UserRepository;
  clock: Clock;
  /** BARISTA_API_TOKEN: accepted as an admin bearer token. */
  automationToken: string | null;
  /** BARISTA_ANONYMOUS_ROLE: what a caller without credentials may do once an admin exists. */
  anonymousRole: Role | null;
  /** BARISTA_PUBLIC_URL: the console's own origin when it is served behind a proxy. */
  publicUrl?: string;
  /** Becomes true once a user exists; never goes back (the last admin cannot be removed). */
  state: { hasUsers: boolean };
}

const digest = (s: string) => createHash("sha256").update(s).digest();

function isAutomationToken(deps: AuthDeps, value: string): boolean {
  return !!deps.automationToken && timingSafeEqual(digest(value), digest(deps.automationToken));
}

export async function hasUsers(deps: AuthDeps): Promise<boolean> {
  if (!deps.state.hasUsers) deps.state.hasUsers = (await deps.users.count()) > 0;
  return deps.state.hasUsers;
}

function bearer(headers: Headers): string | null {
  const h = headers.get("authorization");
  const m = h && /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : null;
}

/**
 * Who sent these headers: a bearer token first (a bad one is refused, never ignored in favour of a
 * cookie), then the session cookie, then the anonymous role when one is set. Null: nobody.
 */
export async function authenticate(deps: AuthDeps, headers: Headers): Promise<Principal | null> {
  const token = bearer(headers);
  if (token !== null) {
    if (isAutomationToken(deps, token)) return { kind: "automation", userId: null, name: "BARISTA_API_TOKEN", role: "admin", tokenId: null, namespaceRoles: {} };
    const p = await principalForToken(deps, token);
    if (!p) throw new UnauthenticatedError("the bearer token is unknown, revoked or expired; make a new one on your account page or with POST /api/v1/tokens");
    return p;
  }
  if (headers.get("cookie")?.includes("barista.session_token")) {
    const session = await deps.auth.api.getSession({ headers });
    if (session) {
      const u = session.user as typeof session.user & { role?: string; namespaceRoles?: string };
      return { kind: "user", userId: u.id, name: u.email, role: userRole(u.role), tokenId: null, sessionId: session.session.id, namespaceRoles: parseNamespaceRoles(u.namespaceRoles) };
    }
  }
  if (deps.anonymousRole && (await hasUsers(deps))) return { kind: "anonymous", userId: null, name: "anonymous", role: deps.anonymousRole, tokenId: null, namespaceRoles: {} };
  return null;
}

/** The caller, or 401 with what to send. */
export async function requirePrincipal(deps: AuthDeps, headers: Headers): Promise<Principal> {
  const p = await authenticate(deps, headers);
  if (p) return p;
  const first = (await hasUsers(deps)) ? "" : " (no account exists yet: open the setup link the server printed when it started)";
  throw new UnauthenticatedError(`sign in, or send Authorization: Bearer <token>${first}`);
}

/** 403 with what is needed, unless the caller's role (in namespace `ns`, when given) is enough. */
export function requireRole(p: Principal, access: Access, ns?: string): void {
  const role = roleIn(p.role, p.namespaceRoles, ns);
  if (allows(role, access)) return;
  const what = access === "agent" ? "a metrics writer (agent), operator or admin" : `the ${access} role`;
  throw new ForbiddenError(`this needs ${what}${ns ? ` in namespace "${ns}"` : ""}; ${p.kind === "anonymous" ? "anonymous readers are" : `${p.name} is`} ${role}`);
}

/** The caller, when it may do what needs `access` (in namespace `ns`); else 401 or 403. */
export async function authorize(deps: AuthDeps, headers: Headers, access: Access, ns?: string): Promise<Principal | null> {
  if (access === "public") return authenticate(deps, headers).catch(() => null);
  const p = await requirePrincipal(deps, headers);
  requireRole(p, access, ns);
  return p;
}
