import type { z } from "zod";
import type { auditEntrySchema, tokenCreatedSchema, tokenSchema, userSchema } from "@/lib/validation/auth";

/** The API's answers as the accounts pages read them (the schemas are the REST API's own). */
export type TokenView = z.infer<typeof tokenSchema>;
export type TokenCreated = z.infer<typeof tokenCreatedSchema>;
export type UserView = z.infer<typeof userSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
