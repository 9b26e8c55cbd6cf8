import { z } from "zod";
import { ROLES, TOKEN_ROLES } from "@/lib/core/roles";
import { namespaceNameSchema } from "./mci";

export const roleSchema = z.enum(ROLES, { error: `a role is one of ${ROLES.join(", ")}` });
export const tokenRoleSchema = z.enum(TOKEN_ROLES, { error: `a token's role is one of ${TOKEN_ROLES.join(", ")}` });

const emailSchema = z.email({ error: "an email address, e.g. ada@example.com" }).max(254).transform((e) => e.toLowerCase());
// better-auth hashes the password; these bounds are its own (10 to 256 characters).
const passwordSchema = z.string().min(10, "a password has at least 10 characters").max(256, "a password has at most 256 characters");
const personNameSchema = z.string().trim().min(1, "a name is required").max(100, "a name has at most 100 characters");
const namespaceRolesSchema = z
  .record(namespaceNameSchema, roleSchema)
  .refine((r) => Object.keys(r).length <= 200, "at most 200 namespace roles")
  .meta({ description: "Narrows the user's role in single namespaces, e.g. { \"prod\": \"viewer\" }; a narrowed role is never higher than the user's role" });

export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1, "the password is required").max(256) });

export const setupSchema = z.object({ token: z.string().min(1).max(200), name: personNameSchema, email: emailSchema, password: passwordSchema });

export const userCreateSchema = z
  .object({ name: personNameSchema, email: emailSchema, password: passwordSchema, role: roleSchema.default("viewer"), namespaceRoles: namespaceRolesSchema.optional() })
  .meta({ id: "UserCreate" });

export const userPatchSchema = z
  .object({ name: personNameSchema.optional(), role: roleSchema.optional(), namespaceRoles: namespaceRolesSchema.optional(), password: passwordSchema.optional() })
  .refine((p) => Object.keys(p).length > 0, "send at least one of name, role, namespaceRoles, password")
  .meta({ id: "UserPatch" });

export const userSchema = z
  .object({ id: z.string(), name: z.string(), email: z.string(), role: roleSchema, namespaceRoles: z.record(z.string(), roleSchema), createdAt: z.string() })
  .meta({ id: "User" });

export const userIdParamsSchema = z.object({ id: z.string().min(1).max(80) });

export const tokenCreateSchema = z
  .object({
    name: z.string().trim().min(1, "a token needs a name, e.g. ci or grafana").max(80, "a token name has at most 80 characters"),
    role: tokenRoleSchema,
    expiresInDays: z.number().int("whole days").min(1, "at least 1 day").max(3650, "at most 3650 days").optional().meta({ description: "Without it the token never expires" }),
  })
  .meta({ id: "TokenCreate" });

export const tokenCreatedSchema = z
  .object({ id: z.string(), name: z.string(), role: tokenRoleSchema, token: z.string().meta({ description: "The value: shown this once, stored only as a hash" }), expiresAt: z.string().nullable() })
  .meta({ id: "TokenCreated" });

export const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: tokenRoleSchema,
    start: z.string().meta({ description: "The value's first characters, to tell tokens apart" }),
    owner: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: "Token" });

export const tokenIdParamsSchema = z.object({ id: z.string().min(1).max(80) });

const dateParam = (what: string) => z.iso.datetime({ offset: true, error: `${what} is an ISO time, e.g. 2026-12-01T00:00:00Z` }).optional();

export const auditQuerySchema = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(200).optional(),
  target: z.string().max(300).optional(),
  from: dateParam("from"),
  to: dateParam("to"),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  format: z.enum(["json", "csv"]).default("json"),
});

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    role: z.string(),
    tokenId: z.string().nullable(),
    action: z.string().meta({ description: "The REST operation, e.g. POST /api/v1/ns/{ns}/mci (console actions use the same names)" }),
    target: z.string(),
    result: z.string(),
    status: z.number().int(),
    source: z.string().nullable(),
  })
  .meta({ id: "AuditEntry" });
