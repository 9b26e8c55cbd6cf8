import { z } from "zod";

const lat = z.number("lat is a number").min(-90, "lat is at least -90").max(90, "lat is at most 90");
const lon = z.number("lon is a number").min(-180, "lon is at least -180").max(180, "lon is at most 180");

export const qualityRequestSchema = z
  .object({
    audience: z
      .array(z.object({ lat, lon, weight: z.number().positive("weight is above 0").max(1e9).optional(), label: z.string().max(80).optional() }))
      .min(1, "give at least one participant")
      .max(1_000, "at most 1,000 participants"),
    against: z
      .object({
        regions: z.array(z.string().min(3).max(80)).min(1).max(100).optional().meta({ description: "The careless placement's regions; default as many seeded-random connected regions as the MCI runs servers" }),
        seed: z.number().int().min(0).max(2 ** 31).optional().meta({ description: "Seed of the random draw; default 1" }),
      })
      .optional(),
  })
  .meta({ id: "QualityRequest" });
export type QualityRequest = z.infer<typeof qualityRequestSchema>;

const source = z.enum(["estimated", "measured-from-server"]);
const sideSchema = z.object({
  servers: z.array(z.object({ id: z.string(), name: z.string(), region: z.string() })),
  participants: z.array(z.object({ participant: z.number().int(), label: z.string(), server: z.string(), region: z.string(), rttMs: z.number(), source })),
  meanMs: z.number(),
  worstMs: z.number(),
  worstParticipant: z.number().int(),
  source: z.enum(["estimated", "measured-from-server", "mixed"]),
});

export const qualityAnswerSchema = z
  .object({
    placed: sideSchema,
    careless: sideSchema,
    factor: z.object({ mean: z.number(), worst: z.number() }),
    basis: z.string().meta({ description: "Where the placed figures come from, in words: estimated from the latency model, measured from the Barista server, or both" }),
    notes: z.array(z.string()).meta({ description: "What the comparison left out (VMs that do not run, hosts that did not answer)" }),
  })
  .meta({ id: "QualityAnswer" });
export type QualityAnswer = z.infer<typeof qualityAnswerSchema>;
