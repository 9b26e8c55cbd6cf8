import { z } from "zod";
import { MAX_TIME_BUDGET_MS, MAX_USERS } from "@/lib/placement";

const lat = z.number("lat is a number").min(-90, "lat is at least -90").max(90, "lat is at most 90");
const lon = z.number("lon is a number").min(-180, "lon is at least -180").max(180, "lon is at most 180");

export const audiencePointSchema = z.object({
  lat,
  lon,
  weight: z.number().positive("weight is above 0").max(1e9).optional().meta({ description: "People or traffic here; default 1" }),
});

export const OBJECTIVES = ["mean", "p95", "max", "conference"] as const;

export const placementRequestSchema = z
  .object({
    users: z.array(audiencePointSchema).min(1, "give at least one user").max(MAX_USERS, `at most ${MAX_USERS} users`),
    k: z.number().int("k is a whole number").min(1, "k is at least 1").max(50, "k is at most 50"),
    objective: z.enum(OBJECTIVES),
    kMode: z.enum(["exactly", "upTo"]).default("exactly").meta({ description: "exactly k regions, or up to k" }),
    candidates: z.array(z.string().min(3).max(80)).min(1).max(500).optional().meta({ description: "Region keys allowed; default every region with a connection" }),
    providers: z.array(z.string().min(2).max(40)).min(1).max(20).optional().meta({ description: "Only regions of these providers" }),
    requirements: z
      .object({
        vcpu: z.number().int().min(1).max(1024).optional(),
        memoryGiB: z.number().positive().max(32_768).optional(),
        maxPricePerHour: z.number().positive().max(10_000).optional(),
      })
      .optional()
      .meta({ description: "Only regions that offer a spec with at least this vCPU and memory, within this price" }),
    costWeight: z.number().min(0).max(1e6).optional().meta({ description: "Milliseconds of the objective traded for one USD per hour of the cheapest fitting spec per region" }),
    timeBudgetMs: z.number().int().min(10).max(MAX_TIME_BUDGET_MS).optional(),
  })
  .meta({ id: "PlacementRequest" });
export type PlacementRequest = z.infer<typeof placementRequestSchema>;

const baselineSchema = z.object({ regions: z.array(z.string()), objectiveMs: z.number(), costPerHour: z.number().optional(), score: z.number() });

export const placementAnswerSchema = z
  .object({
    objective: z.enum(OBJECTIVES),
    regions: z.array(z.string()),
    assignment: z.array(z.object({ user: z.number().int(), region: z.string(), rttMs: z.number(), source: z.enum(["measured", "estimated"]) })),
    objectiveMs: z.number(),
    costPerHour: z.number().optional(),
    score: z.number(),
    stats: z.object({ meanMs: z.number(), p95Ms: z.number(), maxMs: z.number() }),
    baselines: z.object({ centroid: baselineSchema, nearest: baselineSchema, random: baselineSchema }),
    links: z.array(z.object({ from: z.string(), to: z.string(), rttMs: z.number(), source: z.enum(["measured", "estimated"]) })),
    worstPair: z.object({ users: z.array(z.number()), regions: z.array(z.string()), oneWayMs: z.number() }).optional(),
    solver: z.object({ method: z.string(), optimal: z.boolean(), gapPct: z.number(), lowerBound: z.number(), ms: z.number(), budgetHit: z.boolean() }),
    cells: z.object({ count: z.number(), cellDeg: z.number(), maxErrorMs: z.number(), meanErrorMs: z.number() }).optional(),
    specs: z.record(z.string(), z.object({ specId: z.string(), name: z.string(), pricePerHour: z.number() })).meta({ description: "Per chosen region, the cheapest spec that meets the requirements" }),
  })
  .meta({ id: "PlacementAnswer" });

export const matrixRequestSchema = z
  .object({
    points: z.array(z.object({ lat, lon })).min(1, "give at least one point").max(MAX_USERS),
    regions: z.array(z.string().min(3).max(80)).min(1, "give at least one region key").max(500),
  })
  .meta({ id: "LatencyMatrixRequest" });

export const matrixAnswerSchema = z
  .object({
    rttMs: z.array(z.array(z.number())).meta({ description: "points × regions, milliseconds" }),
    source: z.array(z.array(z.enum(["measured", "estimated"]))),
  })
  .meta({ id: "LatencyMatrix" });
