import { z } from "zod";

export const errorSchema = z
  .object({
    error: z.string().meta({ description: "What went wrong and what to do about it" }),
    code: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Error" });

export const healthSchema = z.object({ status: z.literal("ok") }).meta({ id: "Health" });

export const emptyObjectSchema = z.object({});
