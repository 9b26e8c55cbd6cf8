import type { Role } from "@/lib/core/roles";

/** One row of the namespace-roles editor: `prod` → `viewer`. */
export interface NamespaceRolePair {
  ns: string;
  role: Role;
}

/** What the editor holds for one user. */
export interface UserDraft {
  role: Role;
  pairs: NamespaceRolePair[];
  password: string;
}

export interface UserPatch {
  role?: Role;
  namespaceRoles?: Record<string, Role>;
  password?: string;
}

export function draftOf(user: { role: Role; namespaceRoles: Record<string, Role> }): UserDraft {
  return { role: user.role, pairs: Object.entries(user.namespaceRoles).map(([ns, role]) => ({ ns, role })), password: "" };
}

/** The pairs as the API takes them; a namespace named twice is refused, blank rows are dropped. */
export function rolesOfPairs(pairs: readonly NamespaceRolePair[]): { roles: Record<string, Role> } | { error: string } {
  const roles: Record<string, Role> = {};
  for (const { ns, role } of pairs) {
    const name = ns.trim();
    if (!name) continue;
    if (name in roles) return { error: `namespace "${name}" is listed twice; keep one role for it` };
    roles[name] = role;
  }
  return { roles };
}

function sameRoles(a: Record<string, Role>, b: Record<string, Role>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

/**
 * Only what changed: sending a role, even the same one, signs the user out everywhere, so an
 * unchanged role is left out; null when nothing changed.
 */
export function patchOf(user: { role: Role; namespaceRoles: Record<string, Role> }, draft: UserDraft): { patch: UserPatch | null } | { error: string } {
  const parsed = rolesOfPairs(draft.pairs);
  if ("error" in parsed) return parsed;
  const patch: UserPatch = {};
  if (draft.role !== user.role) patch.role = draft.role;
  if (!sameRoles(parsed.roles, user.namespaceRoles)) patch.namespaceRoles = parsed.roles;
  if (draft.password) patch.password = draft.password;
  return { patch: Object.keys(patch).length ? patch : null };
}

/** Whether a patch ends the user's sessions (the server does so for a new role or password). */
export function signsOut(patch: UserPatch): boolean {
  return patch.role !== undefined || patch.password !== undefined;
}
