import { z } from "zod";
import { imageSchema, providerQuerySchema, providerSchema, regionKeyParamsSchema, regionSchema, specSchema } from "@/lib/validation/catalogue";
import { latencyAnswerSchema, latencyQuerySchema, nearestItemSchema, nearestQuerySchema } from "@/lib/validation/latency";
import { endpoint } from "../endpoint";

export const listProviders = endpoint({
  method: "GET",
  path: "/api/v1/providers",
  tag: "catalogue", access: "viewer",
  summary: "Cloud providers in the catalogue, with their region counts",
  response: z.array(providerSchema),
});

export const listRegions = endpoint({
  method: "GET",
  path: "/api/v1/regions",
  tag: "catalogue", access: "viewer",
  summary: "Every region of every provider, with coordinates, zones and the connections made against it",
  query: providerQuerySchema,
  response: z.array(regionSchema),
  errors: [400],
});

export const listRegionSpecs = endpoint({
  method: "GET",
  path: "/api/v1/regions/{key}/specs",
  tag: "catalogue", access: "viewer",
  summary: "VM specs offered in a region, cheapest first",
  params: regionKeyParamsSchema,
  response: z.array(specSchema),
  errors: [400, 404],
});

export const listRegionImages = endpoint({
  method: "GET",
  path: "/api/v1/regions/{key}/images",
  tag: "catalogue", access: "viewer",
  summary: "OS images available in a region, the default first",
  params: regionKeyParamsSchema,
  response: z.array(imageSchema),
  errors: [400, 404],
});

export const listRegionLatency = endpoint({
  method: "GET",
  path: "/api/v1/regions/{key}/latency",
  tag: "latency", access: "viewer",
  summary: "Round-trip time from a region to every other region, nearest first",
  params: regionKeyParamsSchema,
  query: nearestQuerySchema,
  response: z.array(nearestItemSchema),
  errors: [400, 404],
});

export const getLatency = endpoint({
  method: "GET",
  path: "/api/v1/latency",
  tag: "latency", access: "viewer",
  summary: "Round-trip time between two regions, or a point (lat,lon) and a region",
  description: "Measured where the pair was measured (CB-Tumblebug's 2022 matrix), otherwise estimated from great-circle distance.",
  query: latencyQuerySchema,
  response: latencyAnswerSchema,
  errors: [400, 404],
});
