import { matrixAnswerSchema, matrixRequestSchema, placementAnswerSchema, placementRequestSchema } from "@/lib/validation/placement";
import { endpoint } from "../endpoint";

export const place = endpoint({
  method: "POST",
  path: "/api/v1/placement",
  tag: "placement", access: "operator",
  summary: "The k regions that serve an audience best (mean, p95, max or conference latency), with CB-Tumblebug's and a random choice beside it",
  body: placementRequestSchema,
  response: placementAnswerSchema,
  errors: [400],
});

export const matrix = endpoint({
  method: "POST",
  path: "/api/v1/latency/matrix",
  tag: "latency", access: "viewer",
  summary: "RTT from every point to every region, with its source: exactly the numbers the placement engine uses",
  body: matrixRequestSchema,
  response: matrixAnswerSchema,
  errors: [400],
});
