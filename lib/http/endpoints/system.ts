import { z } from "zod";
import { healthSchema } from "@/lib/validation/common";
import { endpoint } from "../endpoint";

export const health = endpoint({
  method: "GET",
  path: "/api/v1/health",
  tag: "system", access: "public",
  summary: "Health: the database, the reconciler and the metric collector; 503 (degraded) when one fails",
  description: "Answers 200 with status ok when the database can be read and the background loops turn; otherwise 503 with status degraded and the same checks, the failed ones with ok: false. A collector switched off by BARISTA_METRICS_COLLECT=off is state off, not a failure.",
  response: healthSchema,
  errors: [503],
  errorBodies: { 503: healthSchema },
});

export const openapi = endpoint({
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "system", access: "public",
  summary: "This API as an OpenAPI 3.1 document, generated from the zod schemas the handlers validate with",
  response: z.record(z.string(), z.unknown()),
});
