import { z } from "zod";

const LAT_LON = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

export type LatencyEndpoint = { kind: "region"; key: string } | { kind: "point"; lat: number; lon: number };

/** A latency end: a region key, or `lat,lon` for any place on Earth. */
export const latencyEndpointSchema = z
  .string()
  .min(1, "give a region key such as aws-us-east-1 or a point as lat,lon")
  .max(80)
  .transform((text, ctx): LatencyEndpoint => {
    const m = LAT_LON.exec(text);
    if (!m) {
      if (/^[A-Za-z0-9-]+$/.test(text)) return { kind: "region", key: text };
      ctx.addIssue({ code: "custom", message: `"${text}" is neither a region key (aws-us-east-1) nor a point (lat,lon)` });
      return z.NEVER;
    }
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (lat < -90 || lat > 90) ctx.addIssue({ code: "custom", message: `latitude ${lat} is outside -90..90` });
    if (lon < -180 || lon > 180) ctx.addIssue({ code: "custom", message: `longitude ${lon} is outside -180..180` });
    return { kind: "point", lat, lon };
  })
  .meta({ description: "A region key (aws-us-east-1) or a point as lat,lon (37.56,126.97)" });

export const latencyQuerySchema = z.object({ from: latencyEndpointSchema, to: latencyEndpointSchema });

export const rttSchema = z
  .object({
    rttMs: z.number().meta({ description: "Round-trip time in milliseconds" }),
    source: z.enum(["measured", "estimated"]),
  })
  .meta({ id: "Rtt" });

export const latencyAnswerSchema = rttSchema.extend({ from: z.string(), to: z.string() }).meta({ id: "Latency" });

export const nearestQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: "At most this many regions (default: all)" }),
});

export const nearestItemSchema = rttSchema.extend({ key: z.string() }).meta({ id: "RegionRtt" });
