import {
  influxQueryAnswerSchema,
  influxQueryQuerySchema,
  influxV1ErrorSchema,
  influxV1WriteQuerySchema,
  influxV2ErrorSchema,
  influxV2WriteQuerySchema,
} from "@/lib/validation/influx";
import { endpoint } from "../endpoint";

// InfluxDB's own paths, so that its clients (Telegraf's influxdb and influxdb_v2 outputs) work
// against Barista unchanged: a compatibility surface over the same ingest as /api/v1/metrics/write.

const SAMPLE = "cpu,vm=vm-0123456789ab cpu_utilization=37.5,mem_utilization=61.2 1764000000000000000";
const SAME_AS_OURS =
  "The body is what POST /api/v1/metrics/write takes (same parser, same rules: tag vm or host names the VM, fields named like a metric become samples, other lines are ignored), gzip or not.";
const V1_ERRORS = { 400: influxV1ErrorSchema, 401: influxV1ErrorSchema, 403: influxV1ErrorSchema, 413: influxV1ErrorSchema, 415: influxV1ErrorSchema };
const V2_ERRORS = { 400: influxV2ErrorSchema, 401: influxV2ErrorSchema, 403: influxV2ErrorSchema, 413: influxV2ErrorSchema, 415: influxV2ErrorSchema };

export const influxWriteV1 = endpoint({
  method: "POST",
  path: "/write",
  tag: "influxdb", access: "agent",
  audit: false,
  summary: "InfluxDB 1.x write (Telegraf's influxdb output): line protocol; 204 when every line was good",
  description: [
    SAME_AS_OURS,
    "The agent token may come as Authorization: Token or Bearer, as the basic auth password (any user name) or as the p= query parameter. db, rp and consistency are accepted and not used.",
    "Errors answer InfluxDB 1.x's {\"error\": \"...\"}; a batch with bad lines still stores its good lines and answers 400 with \"partial write: \" and the first bad lines.",
  ].join(" "),
  query: influxV1WriteQuerySchema,
  rawBody: { contentType: "text/plain", description: "InfluxDB line protocol (a form's or no media type is read as line protocol too, as InfluxDB does)", example: SAMPLE },
  status: 204,
  errors: [400, 413],
  errorBodies: V1_ERRORS,
});

export const influxWriteV2 = endpoint({
  method: "POST",
  path: "/api/v2/write",
  tag: "influxdb", access: "agent",
  audit: false,
  summary: "InfluxDB 2.x write (Telegraf's influxdb_v2 output): line protocol; 204 when every line was good",
  description: [
    SAME_AS_OURS,
    "The agent token comes as Authorization: Token <token> (or Bearer, or the basic auth password). org, orgID and bucket are accepted and not used.",
    "Errors answer InfluxDB 2.x's {\"code\": \"invalid\", \"message\": \"...\"} (with line, the first bad line; with 413, maxLength).",
  ].join(" "),
  query: influxV2WriteQuerySchema,
  rawBody: { contentType: "text/plain", description: "InfluxDB line protocol (a form's or no media type is read as line protocol too)", example: SAMPLE },
  status: 204,
  errors: [400, 413],
  errorBodies: V2_ERRORS,
});

export const influxQuery = endpoint({
  method: "POST",
  path: "/query",
  tag: "influxdb", access: "agent",
  // It changes nothing: there is no database to make.
  audit: false,
  summary: "InfluxDB 1.x query, for the CREATE DATABASE Telegraf's influxdb output sends at start: answered as done, nothing is made",
  description: [
    "Every database name writes to Barista's one metric store, so CREATE DATABASE (in the form body's q, or the query string's) answers InfluxDB's success {\"results\":[{\"statement_id\":0}]} and makes nothing.",
    "Any other statement answers 400: Barista reads metrics through GET /api/v1/metrics, not InfluxQL. Telegraf's skip_database_creation = true leaves this call out.",
  ].join(" "),
  query: influxQueryQuerySchema,
  rawBody: { contentType: "application/x-www-form-urlencoded", description: "q=<statement>", example: 'q=CREATE DATABASE "telegraf"' },
  response: influxQueryAnswerSchema,
  errors: [400, 413],
  errorBodies: V1_ERRORS,
});

export const influxPing = endpoint({
  method: "GET",
  path: "/ping",
  tag: "influxdb", access: "public",
  summary: "InfluxDB 1.x ping (GET or HEAD): 204 while the server answers; says nothing else",
  status: 204,
});
