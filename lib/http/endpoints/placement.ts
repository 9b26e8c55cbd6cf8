import { matrixAnswerSchema, matrixRequestSchema, placementAnswerSchema, placementRequestSchema } from "@/lib/validation/placement";
import { mciParamsSchema } from "@/lib/validation/mci";
import { qualityAnswerSchema, qualityRequestSchema } from "@/lib/validation/quality";
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

export const mciQuality = endpoint({
  method: "POST",
  path: "/api/v1/ns/{ns}/mci/{id}/quality",
  tag: "placement", access: "viewer",
  // A question, not a change: nothing is written.
  audit: false,
  summary: "The RTT each participant would feel on the MCI's running VMs (nearest server), against a careless placement of as many servers in seeded-random regions",
  description: "Simulated VMs: estimated from the latency model. VMs of real clouds and registered hosts: measured from the Barista server (TCP connect to the SSH port, median of 5 tries). `basis` and each figure's `source` say which. 409 while no VM runs.",
  params: mciParamsSchema,
  body: qualityRequestSchema,
  response: qualityAnswerSchema,
  errors: [400, 404, 409],
});
