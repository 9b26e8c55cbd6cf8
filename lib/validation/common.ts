import { z } from "zod";

export const errorSchema = z
  .object({
    error: z.string().meta({ description: "What went wrong and what to do about it" }),
    code: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Error" });

const HEALTH_STATES = ["ok", "starting", "off", "stopped", "stalled", "unreadable"] as const;

export const healthCheckSchema = z
  .object({
    ok: z.boolean().meta({ description: "False makes the whole answer degraded (503)" }),
    state: z.enum(HEALTH_STATES).meta({ description: "ok; starting (not turned yet); off (switched off by configuration, not a failure); stopped; stalled (no turn for too long); unreadable (database)" }),
    message: z.string().meta({ description: "What was seen, for people" }),
    lastTurnAgoMs: z.number().int().nonnegative().optional().meta({ description: "Background loops: how long ago the loop last finished a turn" }),
  })
  .meta({ id: "HealthCheck" });
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]).meta({ description: "ok (200) when every check is ok, else degraded (503)" }),
    checks: z.object({
      database: healthCheckSchema.meta({ description: "One read of the database" }),
      reconciler: healthCheckSchema.meta({ description: "The provisioning loop: running and turning (at least every second while idle)" }),
      collector: healthCheckSchema.meta({ description: "The metric collector's loop; off when BARISTA_METRICS_COLLECT=off" }),
    }),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof healthSchema>;

export const emptyObjectSchema = z.object({});
