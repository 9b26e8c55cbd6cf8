/**
 * Who may do what. Roles are ordered (viewer < operator < admin); `agent` stands apart: it may
 * only write metrics, which operators and admins may do too. A user's role may be narrowed for
 * one namespace (an operator who only reads `prod`), never widened.
 */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What an API token may carry: a role, or `agent` for a metrics writer. */
export const TOKEN_ROLES = [...ROLES, "agent"] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** What an operation needs: nothing (`public`), a role, or `agent` (metrics writers, operators, admins). */
export type Access = "public" | TokenRole;

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether a caller holding `held` may do what needs `needed`. */
export function allows(held: TokenRole, needed: Access): boolean {
  if (needed === "public") return true;
  if (held === "agent") return needed === "agent";
  if (needed === "agent") return RANK[held] >= RANK.operator;
  return RANK[held] >= RANK[needed];
}

/** The lower of two roles (`agent` is lowest: it reads nothing). */
export function lowerRole(a: TokenRole, b: TokenRole): TokenRole {
  if (a === "agent" || b === "agent") return "agent";
  return RANK[a] <= RANK[b] ? a : b;
}

/** Whether a token of role `wanted` may be handed out by a caller holding `held`. */
export function mayGrant(held: TokenRole, wanted: TokenRole): boolean {
  if (held === "agent") return false;
  return wanted === "agent" ? RANK[held] >= RANK.operator : RANK[held] >= RANK[wanted];
}

/** The role that applies in one namespace: the narrowed one when the user has it, else the global one. */
export function roleIn(role: TokenRole, namespaceRoles: Record<string, Role>, ns: string | undefined): TokenRole {
  if (ns === undefined || role === "agent") return role;
  // Own keys only: a namespace may be named "constructor", which every object answers to.
  const narrowed = Object.hasOwn(namespaceRoles, ns) ? namespaceRoles[ns] : undefined;
  return narrowed ? lowerRole(role, narrowed) : role;
}
