import { z } from "zod";
import { healthSchema } from "@/lib/validation/common";
import { endpoint } from "../endpoint";

export const health = endpoint({ method: "GET", path: "/api/v1/health", tag: "system", summary: "Liveness: answers while the server serves", response: healthSchema });

export const openapi = endpoint({
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "system",
  summary: "This API as an OpenAPI 3.1 document, generated from the zod schemas the handlers validate with",
  response: z.record(z.string(), z.unknown()),
});
