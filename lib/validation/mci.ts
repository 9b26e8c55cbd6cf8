import { z } from "zod";
import { VM_STATUSES } from "@/lib/core/types";

const nameRule = (what: string) =>
  z
    .string()
    .min(1, `a ${what} name is required`)
    .max(40, `a ${what} name has at most 40 characters`)
    .regex(/^[a-z][a-z0-9-]*$/, `a ${what} name starts with a letter and uses lower-case letters, digits and dashes, e.g. web-1`);

export const namespaceNameSchema = nameRule("namespace");
export const mciNameSchema = nameRule("MCI");
export const subGroupNameSchema = nameRule("subgroup");

export const namespaceCreateSchema = z.object({ name: namespaceNameSchema, description: z.string().max(400).default("") }).meta({ id: "NamespaceCreate" });
export const namespaceSchema = z.object({ name: z.string(), description: z.string(), createdAt: z.string(), mciCount: z.number().int() }).meta({ id: "Namespace" });
export type NamespaceView = z.infer<typeof namespaceSchema>;

export const nsParamsSchema = z.object({ ns: namespaceNameSchema });
export const mciParamsSchema = z.object({ ns: namespaceNameSchema, id: z.string().min(1).max(80) });
export const subGroupParamsSchema = mciParamsSchema.extend({ name: subGroupNameSchema });

export const POLICIES = ["continue", "refine", "rollback"] as const;
export const MAX_VMS_PER_SUBGROUP = 100;
/**
 * A global-scale MCI: 100 regions of 100 VMs. The per-subgroup cap stays: a subgroup is one region,
 * and 200 subgroups of 100 already reach past this; one region rarely grants 10,000 VMs to one account.
 */
export const MAX_VMS_PER_MCI = 10_000;

export const subGroupRequestSchema = z
  .object({
    name: subGroupNameSchema.optional().meta({ description: "Defaults to the region key" }),
    region: z.string().min(3).max(80).optional().meta({ description: "A region key, e.g. aws-us-east-1 (or give connection)" }),
    connection: z.string().min(2).max(63).optional().meta({ description: "A connection name (or give region)" }),
    specId: z.string().min(1).max(120).optional().meta({ description: "A spec id (provider+region+name) or the provider's type name in that region. Required, but on an ssh connection, which takes none: a host is what it is" }),
    imageId: z.string().min(1).max(200).optional().meta({ description: "An image id of that region; defaults to the provider's default image. None on an ssh connection" }),
    count: z.number().int("count is a whole number").min(1, "count is at least 1").max(MAX_VMS_PER_SUBGROUP, `count is at most ${MAX_VMS_PER_SUBGROUP}`),
  })
  .refine((s) => Boolean(s.region) !== Boolean(s.connection), { message: "give exactly one of region or connection", path: ["region"] })
  .meta({ id: "SubGroupRequest" });
export type SubGroupRequest = z.infer<typeof subGroupRequestSchema>;

export const mciCreateSchema = z
  .object({
    name: mciNameSchema,
    description: z.string().max(400).default(""),
    policy: z.enum(POLICIES).default("continue").meta({ description: "What a failed VM does to the deployment" }),
    dryRun: z.boolean().default(false).meta({ description: "Review only: answer what would be made, make nothing" }),
    subGroups: z.array(subGroupRequestSchema).min(1, "an MCI needs at least one subgroup").max(200, "at most 200 subgroups"),
  })
  .meta({ id: "MciCreate" });
export type MciCreate = z.infer<typeof mciCreateSchema>;

export const MCI_ACTIONS = ["suspend", "resume", "reboot", "terminate", "refine"] as const;
export const mciActionSchema = z
  .object({
    action: z.enum(MCI_ACTIONS),
    subGroup: subGroupNameSchema.optional().meta({ description: "Only this subgroup" }),
    vmIds: z.array(z.string().min(1).max(80)).min(1).max(MAX_VMS_PER_MCI).optional().meta({ description: "Only these VMs" }),
  })
  .meta({ id: "MciAction" });
export type MciActionRequest = z.infer<typeof mciActionSchema>;

export const scaleSchema = z.object({ add: z.number().int("add is a whole number").min(1, "add is at least 1").max(MAX_VMS_PER_SUBGROUP, `add is at most ${MAX_VMS_PER_SUBGROUP}`) }).meta({ id: "Scale" });

const count = z.number().int();
/** One count per VM status, always present (zero included), plus the total. */
const statusCountSchema = z.object({
  total: count,
  creating: count,
  running: count,
  suspending: count,
  suspended: count,
  resuming: count,
  rebooting: count,
  terminating: count,
  terminated: count,
  failed: count,
  undefined: count,
});

/** Where an MCI or a subgroup stands, as structure (`status` is its display string). */
const mciStateSchema = z
  .object({
    phase: z.enum(["Empty", "Uniform", "Partial", "Deleting"]).meta({ description: "Uniform: every VM has the leading status; Partial: they differ; Deleting: the MCI is being deleted" }),
    leading: z.enum(VM_STATUSES).nullable().meta({ description: "The most common VM status (Terminated while deleting); null without VMs" }),
    count: count.meta({ description: "VMs in the leading status" }),
    total: count,
    busy: z.boolean().meta({ description: "Something still changes: a VM moves or waits for a step, or the MCI is being deleted" }),
  })
  .meta({ id: "MciState" });
export type MciStateView = z.infer<typeof mciStateSchema>;

export const plannedVmSchema = z.object({
  name: z.string(),
  subGroup: z.string(),
  connection: z.string(),
  region: z.string(),
  regionName: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  specId: z.string(),
  specName: z.string(),
  vcpu: z.number(),
  memoryGiB: z.number(),
  imageId: z.string(),
  pricePerHour: z.number(),
});

export const reviewSchema = z
  .object({
    name: z.string(),
    policy: z.enum(POLICIES),
    vms: z.array(plannedVmSchema),
    subGroups: z.array(z.object({ name: z.string(), connection: z.string(), region: z.string(), specId: z.string(), imageId: z.string(), count: z.number(), costPerHour: z.number() })),
    costPerHour: z.number(),
    costPerMonth: z.number().meta({ description: "costPerHour × 730 hours" }),
    warnings: z.array(z.object({ subGroup: z.string().nullable(), kind: z.enum(["quota", "capacity", "cost", "image"]), message: z.string() })),
  })
  .meta({ id: "MciReview" });
export type MciReview = z.infer<typeof reviewSchema>;

export const vmSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    mciId: z.string(),
    subGroup: z.string(),
    connection: z.string(),
    region: z.string(),
    provider: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    status: z.enum(VM_STATUSES),
    desired: z.string(),
    statusReason: z.string().nullable(),
    publicIp: z.string().nullable(),
    privateIp: z.string().nullable(),
    zone: z.string().nullable(),
    cloudId: z.string().nullable(),
    specId: z.string(),
    specName: z.string(),
    vcpu: z.number(),
    memoryGiB: z.number(),
    pricePerHour: z.number(),
    imageId: z.string(),
    history: z.array(z.object({ status: z.enum(VM_STATUSES), at: z.string(), reason: z.string().optional() })),
    createdAt: z.string(),
  })
  .meta({ id: "Vm" });
export type VmView = z.infer<typeof vmSchema>;

export const mciSchema = z
  .object({
    id: z.string(),
    namespace: z.string(),
    name: z.string(),
    description: z.string(),
    policy: z.string(),
    status: z.string().meta({ description: "Running when every VM runs, else Partial-<most common> (n/total); Deleting (n/total terminated); Empty. Read state for the parts" }),
    state: mciStateSchema,
    targetAction: z.string(),
    deleting: z.boolean(),
    statusCount: statusCountSchema,
    costPerHour: z.number().meta({ description: "USD per hour of the VMs that bill now (not suspended, failed or terminated)" }),
    subGroups: z.array(z.object({ name: z.string(), connection: z.string(), region: z.string(), specId: z.string(), imageId: z.string(), count: z.number(), status: z.string(), state: mciStateSchema })),
    vms: z.array(vmSchema),
    createdAt: z.string(),
  })
  .meta({ id: "Mci" });
export type MciView = z.infer<typeof mciSchema>;

export const mciEventSchema = z.object({ id: z.number(), at: z.string(), level: z.string(), message: z.string(), vmId: z.string().nullable() }).meta({ id: "MciEvent" });

export const cloudVmSchema = z
  .object({ id: z.string(), name: z.string(), status: z.enum(VM_STATUSES), publicIp: z.string().nullable(), privateIp: z.string().nullable(), specName: z.string(), zone: z.string(), tags: z.record(z.string(), z.string()), createdAt: z.string(), history: z.array(z.object({ status: z.string(), at: z.string() })) })
  .meta({ id: "CloudVm" });

export const acceptedSchema = z.object({ id: z.string(), accepted: z.boolean(), affected: z.number().int(), message: z.string() }).meta({ id: "Accepted" });

// Server actions take the path parameters and the body in one object; the parts are the REST schemas above.
export const mciCreateInputSchema = z.object({ ns: namespaceNameSchema, mci: mciCreateSchema });
export const mciActionInputSchema = mciParamsSchema.extend({ request: mciActionSchema });
export const subGroupAddInputSchema = mciParamsSchema.extend({ subGroup: subGroupRequestSchema });
export const subGroupScaleInputSchema = subGroupParamsSchema.extend({ add: scaleSchema.shape.add });
