import { z } from "zod";
import { getRegion, listProviders } from "@/lib/catalogue";
import { DRIVER_KINDS } from "@/lib/core/drivers";

export const connectionNameSchema = z
  .string()
  .min(2, "a connection name has at least 2 characters")
  .max(63, "a connection name has at most 63 characters")
  // Region keys are valid names, and some keep the provider's capitals (kt-KR1, ncp-KR).
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "a connection name uses letters, digits and dashes, e.g. aws-us-east-1");

export const connectionNameParamsSchema = z.object({ name: connectionNameSchema });

export const connectionCreateSchema = z
  .object({
    name: connectionNameSchema.optional().meta({ description: "Defaults to provider-region" }),
    provider: z.string().min(2).max(40),
    region: z.string().min(1).max(60).meta({ description: "The provider's region code, e.g. us-east-1" }),
    driver: z.enum(DRIVER_KINDS).default("sim"),
    credential: z
      .string()
      .min(1)
      .max(63)
      .regex(/^[A-Za-z0-9_.-]+$/, "a credential name uses letters, digits, dot, dash and underscore")
      .default("default"),
  })
  .superRefine((c, ctx) => {
    if (!listProviders().some((p) => p.id === c.provider)) {
      ctx.addIssue({ code: "custom", path: ["provider"], message: `unknown provider "${c.provider}"; known: ${listProviders().map((p) => p.id).join(", ")}` });
    } else if (!getRegion(`${c.provider}-${c.region}`)) {
      ctx.addIssue({ code: "custom", path: ["region"], message: `${c.provider} has no region "${c.region}"` });
    }
  })
  .meta({ id: "ConnectionCreate" });
export type ConnectionCreate = z.infer<typeof connectionCreateSchema>;

export const connectionDeleteSchema = z.object({ name: connectionNameSchema }).meta({ id: "ConnectionDelete" });

export const connectionSchema = z
  .object({
    name: z.string(),
    provider: z.string(),
    region: z.string(),
    regionKey: z.string(),
    driver: z.string(),
    credential: z.string(),
    createdAt: z.string(),
    verifiedAt: z.string().nullable(),
    verifyOk: z.boolean().nullable(),
    verifyMessage: z.string().nullable(),
  })
  .meta({ id: "Connection" });
export type ConnectionView = z.infer<typeof connectionSchema>;

export const verifyResultSchema = z
  .object({
    ok: z.boolean(),
    connection: z.string(),
    message: z.string().meta({ description: "What the driver answered, or why it failed" }),
    code: z.string().nullable().meta({ description: "The typed error code when the check failed" }),
    regionFound: z.boolean(),
    specCount: z.number().int(),
    imageCount: z.number().int(),
    durationMs: z.number(),
    checkedAt: z.string(),
  })
  .meta({ id: "VerifyResult" });
export type VerifyAnswer = z.infer<typeof verifyResultSchema>;
