import { z } from "zod";

export const regionKeySchema = z
  .string()
  .min(3)
  .max(80)
  .regex(/^[A-Za-z0-9-]+$/, "a region key looks like aws-us-east-1")
  .meta({ description: "Region key: provider-region, e.g. aws-ap-northeast-2", example: "aws-us-east-1" });

export const regionKeyParamsSchema = z.object({ key: regionKeySchema });

export const providerQuerySchema = z.object({
  provider: z.string().min(2).max(40).regex(/^[a-z0-9-]+$/, "a provider id is lower case, e.g. aws").optional().meta({ description: "Only this provider's regions" }),
});

export const providerSchema = z
  .object({ id: z.string(), name: z.string(), regionCount: z.number().int() })
  .meta({ id: "Provider" });

export const regionSchema = z
  .object({
    key: z.string(),
    provider: z.string(),
    region: z.string().meta({ description: "The provider's own region code" }),
    name: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    zones: z.array(z.string()),
    connections: z.array(z.string()).meta({ description: "Names of the connections made against this region" }),
  })
  .meta({ id: "Region" });

export const acceleratorSchema = z.object({ type: z.string(), model: z.string(), count: z.number().int(), memoryGiB: z.number().nullable() });

export const specSchema = z
  .object({
    id: z.string().meta({ description: "provider+region+name" }),
    name: z.string(),
    provider: z.string(),
    regionKey: z.string(),
    vcpu: z.number().int(),
    memoryGiB: z.number(),
    accelerator: acceleratorSchema.nullable(),
    pricePerHour: z.number().meta({ description: "USD per hour, on demand" }),
    priceSource: z.enum(["tumblebug", "list", "modelled", "owned"]),
    family: z.string(),
  })
  .meta({ id: "Spec" });

export const imageSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    os: z.string(),
    architecture: z.enum(["x86_64", "arm64"]),
    description: z.string(),
    isDefault: z.boolean(),
  })
  .meta({ id: "Image" });
