import { z } from "zod";
import { roleSchema, tokenRoleSchema, userSchema } from "./auth";

/** Who is asking, as GET /api/v1/me answers it: never a token's value or a session's cookie. */
export const callerSchema = z
  .object({
    kind: z.enum(["user", "token", "automation", "anonymous"]).meta({ description: "A signed-in user, an API token, the automation token (BARISTA_API_TOKEN) or an anonymous reader" }),
    name: z.string().meta({ description: "What the audit log calls the caller: the user's email, or the token's name" }),
    role: tokenRoleSchema.meta({ description: "The role that applies (a token's never outranks its owner's)" }),
    namespaceRoles: z.record(z.string(), roleSchema),
    tokenId: z.string().nullable(),
    user: userSchema.nullable().meta({ description: "The user behind the caller (a token's owner); null for the automation token and anonymous readers" }),
  })
  .meta({ id: "Caller" });

export const sessionSchema = z
  .object({
    id: z.string(),
    createdAt: z.string().meta({ description: "When this browser signed in" }),
    lastSeenAt: z.string().meta({ description: "When the session was last refreshed (at most daily)" }),
    expiresAt: z.string(),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean().meta({ description: "Whether this is the session the request was made with" }),
  })
  .meta({ id: "Session" });

export const sessionIdParamsSchema = z.object({ id: z.string().min(1, "a session id is required").max(80, "a session id has at most 80 characters") });

export type CallerView = z.infer<typeof callerSchema>;
export type SessionView = z.infer<typeof sessionSchema>;
