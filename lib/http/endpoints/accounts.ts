import { z } from "zod";
import {
  auditEntrySchema,
  auditQuerySchema,
  tokenCreateSchema,
  tokenCreatedSchema,
  tokenIdParamsSchema,
  tokenSchema,
  userCreateSchema,
  userIdParamsSchema,
  userPatchSchema,
  userSchema,
} from "@/lib/validation/auth";
import { callerSchema, sessionIdParamsSchema, sessionSchema } from "@/lib/validation/account";
import { endpoint } from "../endpoint";

export const createToken = endpoint({
  method: "POST",
  path: "/api/v1/tokens",
  tag: "accounts",
  access: "viewer",
  summary: "Make an API token (its value is in this answer only); never a higher role than your own",
  description: "Send it as Authorization: Bearer <token>. The role `agent` may only write metrics.",
  body: tokenCreateSchema,
  response: tokenCreatedSchema,
  status: 201,
  errors: [400, 403],
});

export const listTokens = endpoint({ method: "GET", path: "/api/v1/tokens", tag: "accounts", access: "viewer", summary: "Your API tokens (every token, for admins), without their values", response: z.array(tokenSchema) });

export const revokeToken = endpoint({
  method: "DELETE",
  path: "/api/v1/tokens/{id}",
  tag: "accounts",
  access: "viewer",
  summary: "Revoke a token: it stops working at once",
  params: tokenIdParamsSchema,
  status: 204,
  errors: [404],
});

export const listUsers = endpoint({ method: "GET", path: "/api/v1/users", tag: "accounts", access: "admin", summary: "Users and their roles", response: z.array(userSchema) });

export const createUser = endpoint({
  method: "POST",
  path: "/api/v1/users",
  tag: "accounts",
  access: "admin",
  summary: "Add a user who signs in with email and password",
  body: userCreateSchema,
  response: userSchema,
  status: 201,
  errors: [400, 409],
});

export const updateUser = endpoint({
  method: "PATCH",
  path: "/api/v1/users/{id}",
  tag: "accounts",
  access: "admin",
  summary: "Change a user's name, role, namespace roles or password; a new role or password signs them out everywhere",
  params: userIdParamsSchema,
  body: userPatchSchema,
  response: userSchema,
  errors: [400, 404, 409],
});

export const deleteUser = endpoint({
  method: "DELETE",
  path: "/api/v1/users/{id}",
  tag: "accounts",
  access: "admin",
  summary: "Remove a user, their sessions and their tokens (the last admin stays)",
  params: userIdParamsSchema,
  status: 204,
  errors: [404, 409],
});

export const listAudit = endpoint({
  method: "GET",
  path: "/api/v1/audit",
  tag: "accounts",
  access: "admin",
  summary: "The audit log, newest first: who changed what, with which role and token, from where, and the result",
  description: "Filters: actor, action and target match parts of the text; from and to bound the time. format=csv answers a download.",
  query: auditQuerySchema,
  response: z.array(auditEntrySchema),
  errors: [400],
});

export const me = endpoint({
  method: "GET",
  path: "/api/v1/me",
  tag: "accounts",
  access: "viewer",
  summary: "Who is asking: a user, an API token, the automation token or an anonymous reader, with the role that applies",
  response: callerSchema,
});

export const listSessions = endpoint({
  method: "GET",
  path: "/api/v1/sessions",
  tag: "accounts",
  access: "viewer",
  summary: "Your signed-in browsers (a token's owner's), the one asking first; never their cookies",
  response: z.array(sessionSchema),
});

export const revokeSession = endpoint({
  method: "DELETE",
  path: "/api/v1/sessions/{id}",
  tag: "accounts",
  access: "viewer",
  summary: "Sign one of your browsers out: its next request needs a new sign-in",
  params: sessionIdParamsSchema,
  status: 204,
  errors: [404],
});
