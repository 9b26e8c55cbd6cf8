import { z } from "zod";
import { AGGS, ALERT_OPS, COMBINES, METRIC_NAMES } from "@/lib/core/metrics";
import { PRECISIONS } from "@/lib/monitoring/line-protocol";
import { alignDown } from "@/lib/monitoring/rollup";

/** One series answers at most this many points: a week at one minute. */
export const MAX_POINTS_PER_SERIES = 10_080;
/** Steps the server picks when none is given: the finest that keeps a range within DEFAULT_POINTS. */
export const NICE_STEPS = [10, 30, 60, 300, 600, 1800, 3600, 21_600, 86_400] as const;
export const DEFAULT_POINTS = 1_440;
export const DEFAULT_RANGE_MS = 3_600_000;
export const SEVERITIES = ["info", "warning", "critical"] as const;
export const SOURCES = ["auto", "agent", "cloud"] as const;
/** The most per-VM series one chart asks for with `top`. */
export const MAX_TOP = 100;

export const metricNameSchema = z.enum(METRIC_NAMES, { error: `metric is one of ${METRIC_NAMES.join(", ")}` });

const idSchema = (what: string) => z.string().min(1, `${what} is empty`).max(80, `${what} has at most 80 characters`);

const RELATIVE = /^now(?:-(\d+)([smhdw]))?$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A time as epoch milliseconds, an ISO 8601 date, or `now` / `now-<n><s|m|h|d|w>`. */
export function parseTime(text: string, now: number): number | null {
  if (/^\d{1,16}$/.test(text)) return Number(text);
  const rel = RELATIVE.exec(text);
  if (rel) return rel[1] ? now - Number(rel[1]) * UNIT_MS[rel[2]] : now;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) || t < 0 ? null : t;
}

const timeParam = (name: string) =>
  z
    .string()
    .meta({ description: `Epoch milliseconds, ISO 8601 (2026-11-27T10:00:00Z) or now-<n><s|m|h|d|w>` })
    .refine((s) => parseTime(s, 0) !== null, `${name} is epoch milliseconds, an ISO 8601 time or now-<n><s|m|h|d|w> (e.g. now-24h)`);

const positiveInt = (message: string) => z.string().regex(/^\d+$/, message).transform(Number).pipe(z.number().int().positive(message));

/** The finest nice step that keeps the range within DEFAULT_POINTS points. */
export function defaultStep(rangeMs: number): number {
  return NICE_STEPS.find((s) => rangeMs / (s * 1000) <= DEFAULT_POINTS) ?? NICE_STEPS[NICE_STEPS.length - 1];
}

export function pointCount(fromMs: number, toMs: number, step: number): number {
  const stepMs = step * 1000;
  return Math.ceil((toMs - alignDown(fromMs, stepMs)) / stepMs);
}

export const metricsQuerySchema = z
  .object({
    vm: idSchema("vm").optional().meta({ description: "A VM id: one series" }),
    mci: idSchema("mci").optional().meta({ description: "An MCI id: one series per VM (or one combined series with combine=)" }),
    metric: metricNameSchema,
    from: timeParam("from").optional().meta({ description: "Start (default: to minus one hour). Rounded down to a bucket start" }),
    to: timeParam("to").optional().meta({ description: "End, exclusive (default: now)" }),
    step: positiveInt("step is a positive integer number of seconds")
      .optional()
      .meta({ description: "Bucket width in seconds; buckets are aligned to multiples of it since the epoch. 10 is the raw resolution. Default: the finest of 10, 30, 60, 300 … that gives at most 1,440 points" }),
    agg: z.enum(AGGS, { error: `agg is one of ${AGGS.join(", ")}` }).default("avg"),
    combine: z.enum(COMBINES, { error: `combine is one of ${COMBINES.join(", ")}` }).optional().meta({ description: "With mci: one series combining the VMs' values per bucket" }),
    maxPoints: positiveInt("maxPoints is a positive integer").pipe(z.number().min(3, "maxPoints is at least 3")).optional().meta({ description: "Downsample each series with LTTB to about this many points" }),
    top: positiveInt("top is a positive integer")
      .pipe(z.number().max(MAX_TOP, `top is at most ${MAX_TOP}`))
      .optional()
      .meta({ description: "With mci: only the series of the top VMs by their mean over the range, highest first (a chart's busiest VMs)" }),
    source: z.enum(SOURCES).default("auto").meta({ description: "auto: the agent's samples where it sent any, else the cloud's; agent or cloud: only those" }),
  })
  .transform((q, ctx) => {
    const now = Date.now();
    if (Boolean(q.vm) === Boolean(q.mci)) {
      ctx.addIssue({ code: "custom", path: ["vm"], message: "give exactly one of vm or mci" });
      return z.NEVER;
    }
    if (q.combine && !q.mci) {
      ctx.addIssue({ code: "custom", path: ["combine"], message: "combine works with mci= only" });
      return z.NEVER;
    }
    if (q.top && (!q.mci || q.combine)) {
      ctx.addIssue({ code: "custom", path: ["top"], message: "top works with mci= and without combine=" });
      return z.NEVER;
    }
    const to = q.to === undefined ? now : parseTime(q.to, now)!;
    const from = q.from === undefined ? to - DEFAULT_RANGE_MS : parseTime(q.from, now)!;
    if (from >= to) {
      ctx.addIssue({ code: "custom", path: ["from"], message: `from (${new Date(from).toISOString()}) must be before to (${new Date(to).toISOString()})` });
      return z.NEVER;
    }
    const step = q.step ?? defaultStep(to - from);
    const points = pointCount(from, to, step);
    if (points > MAX_POINTS_PER_SERIES) {
      ctx.addIssue({
        code: "custom",
        path: ["step"],
        message: `this range at step ${step} s gives ${points} points per series; at most ${MAX_POINTS_PER_SERIES} are answered: use a step of at least ${Math.ceil((to - from) / 1000 / (MAX_POINTS_PER_SERIES - 1))} s or a shorter range`,
      });
      return z.NEVER;
    }
    return { ...q, from, to, step };
  });
export type MetricsQuery = z.output<typeof metricsQuerySchema>;

const pointSchema = z.tuple([z.number(), z.number()]).meta({ description: "[bucket start in epoch ms, value]" });

export const metricSeriesSchema = z
  .object({
    vm: z.string().optional().meta({ description: "The VM (absent on a combined series)" }),
    name: z.string().optional().meta({ description: "The VM's name" }),
    combine: z.enum(COMBINES).optional().meta({ description: "How the VMs were combined (combined series only)" }),
    vms: z.number().int().optional().meta({ description: "How many VMs the combined series covers" }),
    points: z.array(pointSchema).meta({ description: "Buckets with data, oldest first; a bucket without samples is left out (a gap)" }),
  })
  .meta({ id: "MetricSeries" });

export const metricsAnswerSchema = z
  .object({
    metric: metricNameSchema,
    agg: z.enum(AGGS),
    step: z.number().int().meta({ description: "Bucket width in seconds" }),
    from: z.number().meta({ description: "First bucket start (epoch ms)" }),
    to: z.number().meta({ description: "End, exclusive (epoch ms)" }),
    source: z.enum(SOURCES),
    total: z.number().int().optional().meta({ description: "With top: how many VMs the MCI has (series holds at most top of them)" }),
    series: z.array(metricSeriesSchema),
  })
  .meta({ id: "MetricsAnswer" });
export type MetricsAnswer = z.infer<typeof metricsAnswerSchema>;

export const metricsWriteQuerySchema = z.object({
  precision: z.enum(PRECISIONS, { error: `precision is one of ${PRECISIONS.join(", ")}` }).default("ns").meta({ description: "Unit of the timestamps (InfluxDB's default: ns)" }),
  db: z.string().max(200).optional().meta({ description: "Accepted and ignored (InfluxDB clients send it)" }),
});

export const writeRejectedSchema = z
  .object({
    error: z.string().meta({ description: "The first rejected lines with their numbers, and how many lines were accepted" }),
    code: z.literal("InvalidInput"),
    accepted: z.number().int().meta({ description: "Lines stored" }),
    ignored: z.number().int().meta({ description: "Lines without a metric field (nothing to store, not an error)" }),
    samples: z.number().int().meta({ description: "Samples stored" }),
    rejected: z.array(z.object({ line: z.number().int(), error: z.string() })).meta({ description: "The first 100 rejected lines, 1-based" }),
    rejectedCount: z.number().int(),
  })
  .meta({ id: "MetricsWriteRejected" });
export type WriteRejected = z.infer<typeof writeRejectedSchema>;

export const alertScopeSchema = z
  .object({
    vm: idSchema("scope.vm").optional(),
    mci: idSchema("scope.mci").optional(),
    namespace: idSchema("scope.namespace").optional(),
  })
  .refine((s) => [s.vm, s.mci, s.namespace].filter(Boolean).length === 1, { message: "give exactly one of vm, mci or namespace" })
  .meta({ id: "AlertScope", description: "Which VMs the rule watches: one VM, every VM of an MCI, or every VM of a namespace" });
export type AlertScope = z.infer<typeof alertScopeSchema>;

/** Read as the server reads it, so `http:user@host` (no slashes) is caught too; a text that is no URL is z.url's to report. */
function withoutCredentials(text: string): boolean {
  try {
    const url = new URL(text);
    return !url.username && !url.password;
  } catch {
    return true;
  }
}

export const alertRuleCreateSchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(80, "name has at most 80 characters"),
    metric: metricNameSchema,
    agg: z.enum(AGGS, { error: `agg is one of ${AGGS.join(", ")}` }).meta({ description: "How the samples of the window become one value" }),
    op: z.enum(ALERT_OPS, { error: `op is one of ${ALERT_OPS.join(" ")}` }),
    threshold: z.number({ error: "threshold is a number" }).finite(),
    forSeconds: z.number({ error: "forSeconds is a number of seconds" }).int("forSeconds is a whole number").min(0, "forSeconds is at least 0").max(86_400, "forSeconds is at most 86400").meta({ description: "How long the condition must hold before the rule fires (0: at once)" }),
    windowSeconds: z.number().int("windowSeconds is a whole number").min(10, "windowSeconds is at least 10").max(3_600, "windowSeconds is at most 3600").default(60).meta({ description: "The samples each evaluation aggregates: the last N seconds" }),
    scope: alertScopeSchema,
    severity: z.enum(SEVERITIES).default("warning"),
    webhookUrl: z
      .url({ protocol: /^https?$/, error: "webhookUrl is an http or https URL" })
      .max(2_000)
      // Credentials in a URL end up in logs and in the rule as every reader sees it.
      .refine(withoutCredentials, "webhookUrl carries no user name or password (user:pass@); put a token in its path or query instead")
      .optional()
      .meta({ description: "Receives a JSON POST for every firing and resolved event. Loopback, private, link-local, unique-local, shared, multicast, reserved and cloud metadata addresses are refused (400), when the rule is made and again at every send after DNS resolution, unless the server's BARISTA_WEBHOOK_ALLOW lists them; redirects are not followed" }),
  })
  .meta({ id: "AlertRuleCreate" });
export type AlertRuleCreate = z.infer<typeof alertRuleCreateSchema>;

export const alertRuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    metric: z.string(),
    agg: z.enum(AGGS),
    op: z.enum(ALERT_OPS),
    threshold: z.number(),
    forSeconds: z.number().int(),
    windowSeconds: z.number().int(),
    scope: z.object({ vm: z.string().optional(), mci: z.string().optional(), namespace: z.string().optional() }),
    severity: z.enum(SEVERITIES),
    webhookUrl: z.string().nullable(),
    createdAt: z.string(),
    firing: z.array(z.string()).meta({ description: "VMs for which the rule fires now" }),
    pending: z.array(z.string()).meta({ description: "VMs meeting the condition, not yet for forSeconds" }),
  })
  .meta({ id: "AlertRule" });
export type AlertRuleView = z.infer<typeof alertRuleSchema>;

export const alertEventSchema = z
  .object({
    id: z.number().int(),
    ruleId: z.string(),
    ruleName: z.string(),
    state: z.enum(["firing", "resolved"]),
    at: z.string().meta({ description: "ISO 8601" }),
    value: z.number().nullable().meta({ description: "The aggregated value that fired or resolved it; null when the VM stopped reporting or left the scope" }),
    vm: z.string(),
    mci: z.string().nullable(),
    namespace: z.string().nullable(),
    metric: z.string(),
    agg: z.string(),
    op: z.string(),
    threshold: z.number(),
    severity: z.string(),
    webhookStatus: z.string().nullable().meta({ description: "What the webhook answered, when the rule has one" }),
  })
  .meta({ id: "AlertEvent" });
export type AlertEventView = z.infer<typeof alertEventSchema>;

export const alertEventsQuerySchema = z.object({
  mci: idSchema("mci").optional(),
  ruleId: idSchema("ruleId").optional(),
  vm: idSchema("vm").optional(),
  state: z.enum(["firing", "resolved"]).optional(),
  limit: positiveInt("limit is a positive integer").pipe(z.number().max(1_000, "limit is at most 1000")).optional().meta({ description: "Newest first; default 100" }),
});
export type AlertEventsQuery = z.infer<typeof alertEventsQuerySchema>;

export const alertRuleIdParamsSchema = z.object({ id: idSchema("id") });
export const alertRuleDeleteSchema = z.object({ id: idSchema("id") }).meta({ id: "AlertRuleDelete" });
