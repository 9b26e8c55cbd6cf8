import { z } from "zod";
import type { Precision } from "@/lib/monitoring/line-protocol";

/**
 * The query strings and error bodies of InfluxDB's write API, as its clients (Telegraf's influxdb
 * and influxdb_v2 outputs first) send and read them. Names that select a database, bucket or
 * organisation are accepted and not used: Barista has one metric store.
 */

/** The spellings of a precision InfluxDB takes, by API version, and the unit each means. */
const V2_PRECISIONS: Record<string, Precision> = { ns: "ns", us: "us", "µs": "us", "μs": "us", u: "us", ms: "ms", s: "s" };
const V1_PRECISIONS: Record<string, Precision> = { ...V2_PRECISIONS, n: "ns", m: "m", h: "h" };

function precisionSchema(table: Record<string, Precision>) {
  const names = Object.keys(table).filter((k) => k !== "μs");
  return z
    .string()
    .optional()
    .transform((v, ctx): Precision => {
      // Empty is InfluxDB's default, as absent is.
      if (v === undefined || v === "") return "ns";
      const unit = Object.hasOwn(table, v) ? table[v] : undefined;
      if (unit) return unit;
      ctx.addIssue({ code: "custom", message: `precision is one of ${names.join(", ")} (default ns)` });
      return z.NEVER;
    })
    .meta({ description: `Unit of the timestamps: ${names.join(", ")}; default ns (what Telegraf sends)` });
}

const nameSchema = (what: string) => z.string().max(200, `${what} has at most 200 characters`).optional();
const credentialDoc = {
  u: z.string().optional().meta({ description: "InfluxDB 1.x user name: any, not read" }),
  p: z.string().optional().meta({ description: "InfluxDB 1.x password: the agent token, read when no Authorization header is sent (a header is better: query strings end up in logs)" }),
};

export const influxV1WriteQuerySchema = z.object({
  db: nameSchema("db").meta({ description: "The database: accepted and not used (Telegraf's `database`)" }),
  rp: nameSchema("rp").meta({ description: "The retention policy: accepted and not used; Barista's retention applies" }),
  consistency: nameSchema("consistency").meta({ description: "Accepted and not used" }),
  precision: precisionSchema(V1_PRECISIONS),
  ...credentialDoc,
});

export const influxV2WriteQuerySchema = z.object({
  org: nameSchema("org").meta({ description: "The organisation: accepted and not used (Telegraf's `organization`)" }),
  orgID: nameSchema("orgID").meta({ description: "Accepted and not used" }),
  bucket: nameSchema("bucket").meta({ description: "The bucket: accepted and not used (Telegraf's `bucket`)" }),
  precision: precisionSchema(V2_PRECISIONS),
});

export const influxQueryQuerySchema = z.object({
  db: nameSchema("db").meta({ description: "Accepted and not used" }),
  q: z.string().max(10_000, "q has at most 10000 characters").optional().meta({ description: "The statement, when it is not in the form body" }),
  ...credentialDoc,
});

export const influxQueryAnswerSchema = z
  .object({ results: z.array(z.object({ statement_id: z.number().int() })) })
  .meta({ id: "InfluxQueryAnswer", description: "InfluxDB's answer to a statement that succeeded" });

export const influxV1ErrorSchema = z
  .object({ error: z.string().meta({ description: "What went wrong and what to do about it" }) })
  .meta({ id: "InfluxV1Error", description: "InfluxDB 1.x's error body" });

export const influxV2ErrorSchema = z
  .object({
    code: z.string().meta({ description: "InfluxDB 2.x's error code: invalid, unauthorized, forbidden, request too large, unsupported media type, too many requests, unavailable, internal error" }),
    message: z.string().meta({ description: "What went wrong and what to do about it" }),
    line: z.number().int().optional().meta({ description: "The first rejected line, 1-based" }),
    maxLength: z.number().int().optional().meta({ description: "With 413: the most bytes one request may carry" }),
  })
  .meta({ id: "InfluxV2Error", description: "InfluxDB 2.x's error body" });
export type InfluxV2Error = z.infer<typeof influxV2ErrorSchema>;
