import { z } from "zod";
import { emptyObjectSchema } from "@/lib/validation/common";
import {
  alertEventSchema,
  alertEventsQuerySchema,
  alertRuleCreateSchema,
  alertRuleDeleteSchema,
  alertRuleIdParamsSchema,
  alertRuleSchema,
  metricsAnswerSchema,
  metricsQuerySchema,
  metricsWriteQuerySchema,
  writeRejectedSchema,
} from "@/lib/validation/monitoring";
import { endpoint } from "../endpoint";

export const writeMetrics = endpoint({
  method: "POST",
  path: "/api/v1/metrics/write",
  tag: "monitoring", access: "agent",
  // Samples are data, not changes: a busy agent would bury the log.
  audit: false,
  summary: "Push samples in InfluxDB line protocol (Telegraf's influxdb output works as is); 204 when every line was good",
  description: [
    "Each line is `measurement[,tag=value…] field=value[,field=value…] [timestamp]`. Tag `vm=<VM id>` (or the cloud's id for it) or `host=<the VM's public IP>` names the VM.",
    "Fields named like a metric (cpu_utilization, mem_utilization, disk_utilization, bytes_in, bytes_out, kb_read, kb_written) become samples and must be numeric (float, `i` integer, `u` unsigned);",
    "other fields (strings, booleans, Telegraf's own names) are left out, and a line with no metric field is ignored, not an error. The measurement name is free and not stored.",
    "The timestamp is in `precision` (default ns, as InfluxDB); without one the sample is stamped with the server's time. Timestamps are kept to the millisecond; a sample for the same VM, metric and millisecond replaces the earlier one.",
    "Comments (#) and blank lines are skipped. Gzip bodies (Content-Encoding: gzip) are accepted.",
    "A batch with bad lines still stores its good lines and answers 400 with the line numbers and reasons of the rejected ones and how many were accepted.",
    "A 204 carries X-Barista-Lines-Accepted, X-Barista-Lines-Ignored and X-Barista-Samples headers.",
  ].join(" "),
  query: metricsWriteQuerySchema,
  rawBody: {
    contentType: "text/plain",
    description: "InfluxDB line protocol, one sample line per row",
    example: "cpu,vm=vm-0123456789ab cpu_utilization=37.5,mem_utilization=61.2 1764000000000000000",
  },
  status: 204,
  errors: [400, 413],
  errorBodies: { 400: writeRejectedSchema },
});

export const queryMetrics = endpoint({
  method: "GET",
  path: "/api/v1/metrics",
  tag: "monitoring", access: "viewer",
  summary: "A metric of one VM (vm=) or of every VM of an MCI (mci=), in buckets of `step` seconds, for charts",
  description: [
    "Buckets are aligned to multiples of the step since the epoch and stamped with their start; `from` is rounded down to a bucket start and every bucket starting before `to` is answered whole.",
    "At step 10 (the raw resolution) stored values come back exactly as written. Coarser steps that are multiples of 60 or 3600 read the 1-minute or 1-hour rollups (same numbers, far fewer rows).",
    "`agg` (avg, max, min, last) says how a bucket's samples become its value; avg is weighted by samples. Buckets without samples are left out, so a gap (a suspended VM) is a jump in time.",
    "With mci=, one series per VM, with its name; add combine=avg|max|min|sum for one series over the MCI's VMs instead (per bucket, over the VMs that have a value there; avg weighs VMs equally), or top=n for the n VMs with the highest mean over the range (with `total`, the MCI's VM count).",
    "maxPoints=n downsamples each series to about n points with LTTB (peaks survive). Where both an agent (pushed) and the cloud (collected) reported, the agent's samples win bucket by bucket (source=auto).",
    "A series answers at most 10,080 points and one answer reads at most 5,000,000: beyond that the answer is 400 naming step.",
  ].join(" "),
  query: metricsQuerySchema,
  response: metricsAnswerSchema,
  errors: [400, 404],
});

export const listAlertRules = endpoint({
  method: "GET",
  path: "/api/v1/alerts/rules",
  tag: "alerts", access: "viewer",
  summary: "Alert rules, with the VMs each fires or is pending for now",
  response: z.array(alertRuleSchema),
});

export const createAlertRule = endpoint({
  method: "POST",
  path: "/api/v1/alerts/rules",
  tag: "alerts", access: "operator",
  summary: "Add an alert rule",
  description: [
    "Every 10 s, for each VM in scope, `agg` of `metric` over the last `windowSeconds` is compared with `threshold` by `op`. Holding for `forSeconds` makes the rule fire for that VM (a `firing` event);",
    "no longer holding resolves it (a `resolved` event). A VM that sends nothing in the window counts as not holding. With webhookUrl, each event is POSTed there as JSON",
    "({ eventId, ruleId, ruleName, state, at, value, vm, vmName, mci, namespace, metric, agg, op, threshold, severity, windowSeconds, forSeconds, summary }), retried on network errors and 5xx.",
    "A webhookUrl that is, or resolves to, a loopback, private, shared, link-local, unique-local, multicast, reserved or cloud metadata address is refused with 400 and the reason (unless the server's BARISTA_WEBHOOK_ALLOW lists it);",
    "the check is made again at every send on the address actually connected to, a refused send is recorded on the event as `refused: <reason>`, and redirects are never followed.",
  ].join(" "),
  body: alertRuleCreateSchema,
  response: alertRuleSchema,
  status: 201,
  errors: [400, 404],
});

export const deleteAlertRule = endpoint({
  method: "DELETE",
  path: "/api/v1/alerts/rules",
  tag: "alerts", access: "operator",
  summary: "Remove the rule named by ?id= (or { id } in the body): the same operation as DELETE /api/v1/alerts/rules/{id}; its events stay",
  body: alertRuleDeleteSchema,
  bodyFromQuery: true,
  response: emptyObjectSchema,
  status: 204,
  errors: [400, 404],
});

export const getAlertRule = endpoint({
  method: "GET",
  path: "/api/v1/alerts/rules/{id}",
  tag: "alerts", access: "viewer",
  summary: "One alert rule",
  params: alertRuleIdParamsSchema,
  response: alertRuleSchema,
  errors: [404],
});

export const deleteAlertRuleById = endpoint({
  method: "DELETE",
  path: "/api/v1/alerts/rules/{id}",
  tag: "alerts", access: "operator",
  summary: "Remove an alert rule; its events stay",
  params: alertRuleIdParamsSchema,
  response: emptyObjectSchema,
  status: 204,
  errors: [400, 404],
});

export const listAlertEvents = endpoint({
  method: "GET",
  path: "/api/v1/alerts/events",
  tag: "alerts", access: "viewer",
  summary: "Alert events (firing, resolved), newest first; filter by mci, ruleId, vm or state",
  query: alertEventsQuerySchema,
  response: z.array(alertEventSchema),
  errors: [400],
});
