import { z } from "zod";
import { webhookAllowSchema, type WebhookAllowList } from "./webhook-allow";

export interface MonitoringConfig {
  retention: { rawMs: number; minuteMs: number; hourMs: number };
  /** Whether the server pulls metrics from the clouds' drivers (pushed metrics are stored either way). */
  collect: boolean;
  /** Internal hosts and ranges alert webhooks may reach anyway (BARISTA_WEBHOOK_ALLOW). */
  webhookAllow: WebhookAllowList;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((s) => /^\d+(s|m|h|d)$/.test(s), "a duration such as 90m, 24h or 7d")
    .transform((s) => Number(s.slice(0, -1)) * UNIT_MS[s.slice(-1)]);

const envSchema = z
  .object({
    BARISTA_METRICS_RAW_RETENTION: duration("24h").refine((ms) => ms >= 3_600_000, "at least 1h: alert windows read the raw samples"),
    BARISTA_METRICS_1M_RETENTION: duration("7d"),
    BARISTA_METRICS_1H_RETENTION: duration("365d"),
    BARISTA_METRICS_COLLECT: z.enum(["on", "off"]).default("on"),
    BARISTA_WEBHOOK_ALLOW: webhookAllowSchema,
  })
  .superRefine((e, ctx) => {
    if (e.BARISTA_METRICS_1M_RETENTION < e.BARISTA_METRICS_RAW_RETENTION) ctx.addIssue({ code: "custom", path: ["BARISTA_METRICS_1M_RETENTION"], message: "must be at least BARISTA_METRICS_RAW_RETENTION" });
    if (e.BARISTA_METRICS_1H_RETENTION < e.BARISTA_METRICS_1M_RETENTION) ctx.addIssue({ code: "custom", path: ["BARISTA_METRICS_1H_RETENTION"], message: "must be at least BARISTA_METRICS_1M_RETENTION" });
  });

/** Reads the monitoring settings; a bad value stops the server with a message naming the variable. */
export function monitoringConfigFromEnv(env: Record<string, string | undefined> = process.env): MonitoringConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    retention: { rawMs: e.BARISTA_METRICS_RAW_RETENTION, minuteMs: e.BARISTA_METRICS_1M_RETENTION, hourMs: e.BARISTA_METRICS_1H_RETENTION },
    collect: e.BARISTA_METRICS_COLLECT === "on",
    webhookAllow: e.BARISTA_WEBHOOK_ALLOW,
  };
}
