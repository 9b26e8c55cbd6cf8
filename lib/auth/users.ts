import { randomUUID } from "node:crypto";
import { ConflictError, NotFoundError } from "@/lib/core/errors";
import type { Role } from "@/lib/core/roles";
import type { UserRepository } from "@/lib/store";
import type { Auth } from "./better-auth";
import { parseNamespaceRoles, userRole } from "./principal";

export interface UserDeps {
  auth: Auth;
  users: UserRepository;
}

export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  namespaceRoles: Record<string, Role>;
  createdAt: string;
}

export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: Role;
  namespaceRoles?: Record<string, Role>;
}

export function toUserView(u: { id: string; name: string; email: string; role: string; namespaceRoles: string; createdAt: Date }): UserView {
  return { id: u.id, name: u.name, email: u.email, role: userRole(u.role), namespaceRoles: parseNamespaceRoles(u.namespaceRoles), createdAt: u.createdAt.toISOString() };
}

/** A user with a password; better-auth hashes it, the rows and the audit entry are one transaction. */
export async function createUser(deps: UserDeps, input: NewUser): Promise<UserView> {
  const ctx = await deps.auth.$context;
  const passwordHash = await ctx.password.hash(input.password);
  const user = await deps.users.create({
    id: randomUUID(),
    name: input.name,
    email: input.email.toLowerCase(),
    role: input.role,
    namespaceRoles: JSON.stringify(input.namespaceRoles ?? {}),
    passwordHash,
  });
  return toUserView(user);
}

export async function listUsers(deps: UserDeps): Promise<UserView[]> {
  return (await deps.users.list()).map(toUserView);
}

async function existing(deps: UserDeps, id: string) {
  const u = await deps.users.find(id);
  if (!u) throw new NotFoundError(`no user "${id}"; GET /api/v1/users lists them`);
  return u;
}

/** An installation always keeps one admin, or nobody could manage it again. */
async function keepAnAdmin(deps: UserDeps, user: { role: string }, action: string) {
  if (user.role === "admin" && (await deps.users.countAdmins()) <= 1) throw new ConflictError(`${action} would leave no admin; make another user admin first`);
}

export async function updateUser(deps: UserDeps, id: string, patch: { name?: string; role?: Role; namespaceRoles?: Record<string, Role>; password?: string }): Promise<UserView> {
  const user = await existing(deps, id);
  // An unchanged role is no change: it must not sign the user out.
  if (patch.role === user.role) patch = { ...patch, role: undefined };
  if (patch.role && patch.role !== "admin") await keepAnAdmin(deps, user, "this change of role");
  const passwordHash = patch.password ? await (await deps.auth.$context).password.hash(patch.password) : undefined;
  const updated = await deps.users.update(id, {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.namespaceRoles !== undefined ? { namespaceRoles: JSON.stringify(patch.namespaceRoles) } : {}),
    ...(passwordHash ? { passwordHash } : {}),
  });
  return toUserView(updated);
}

export async function deleteUser(deps: UserDeps, id: string): Promise<void> {
  const user = await existing(deps, id);
  await keepAnAdmin(deps, user, "removing this user");
  await deps.users.remove(id);
}
