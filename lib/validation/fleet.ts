import { z } from "zod";
import { LATEST_WINDOW_WORDS } from "@/lib/core/metrics";
import { VM_STATUSES } from "@/lib/core/types";

const byStatusSchema = z
  .partialRecord(z.enum(VM_STATUSES), z.number().int())
  .meta({ description: "VMs per status; statuses no VM has are left out, e.g. { \"Running\": 95, \"Creating\": 5 }" });

export const fleetMciSchema = z
  .object({
    namespace: z.string(),
    id: z.string(),
    name: z.string(),
    status: z.string().meta({ description: "The MCI's status as its own page says it, e.g. Partial-Running (3/5)" }),
    leading: z.enum(VM_STATUSES).nullable().meta({ description: "The status most of its VMs have (its colour); null when it has none" }),
    total: z.number().int(),
  })
  .meta({ id: "FleetMci" });

export const fleetRegionSchema = z
  .object({
    key: z.string().meta({ description: "The region key, or ssh:<connection> for registered hosts" }),
    name: z.string(),
    provider: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    total: z.number().int(),
    byStatus: byStatusSchema,
    cpu: z.number().nullable().meta({ description: `Average CPU utilisation (%) of the VMs here that reported in the last ${LATEST_WINDOW_WORDS}; null when none did` }),
    cpuReporting: z.number().int().meta({ description: "How many VMs the average is over" }),
    mcis: z
      .array(z.object({ mci: z.number().int().meta({ description: "Index into the answer's mcis" }), count: z.number().int() }))
      .meta({ description: "The MCIs with VMs here and how many, most first" }),
  })
  .meta({ id: "FleetRegion" });

export const fleetNamespaceSchema = z
  .object({
    name: z.string(),
    vms: z.number().int(),
    mcis: z.number().int(),
  })
  .meta({ id: "FleetNamespace", description: "One readable namespace with MCIs: how many VMs and MCIs it holds" });

export const fleetSchema = z
  .object({
    regions: z.array(fleetRegionSchema),
    mcis: z.array(fleetMciSchema),
    namespaces: z.array(fleetNamespaceSchema).meta({ description: "The readable namespaces that hold MCIs, by name" }),
    totals: z.object({
      vms: z.number().int(),
      mcis: z.number().int(),
      namespaces: z.number().int(),
      regions: z.number().int(),
      byStatus: byStatusSchema,
    }),
  })
  .meta({ id: "Fleet" });

export type FleetView = z.infer<typeof fleetSchema>;
export type FleetRegion = z.infer<typeof fleetRegionSchema>;
export type FleetMci = z.infer<typeof fleetMciSchema>;
export type FleetNamespace = z.infer<typeof fleetNamespaceSchema>;
