import { z } from "zod";
import { mciParamsSchema, subGroupNameSchema } from "./mci";

/** A command's text may be this long (UTF-8 bytes): room for a script, not for a payload. */
export const MAX_COMMAND_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_SECONDS = 300;
export const MAX_TIMEOUT_SECONDS = 86_400;
export const DEFAULT_CONCURRENCY = 100;
export const MAX_CONCURRENCY = 1_000;
/** Each VM keeps this many bytes of stdout and as many of stderr (the first ones); beyond, `truncated` is set. */
export const MAX_OUTPUT_BYTES = 256 * 1024;

export const COMMAND_STATUSES = ["running", "finished", "cancelled", "interrupted"] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];
export const COMMAND_VM_STATUSES = ["pending", "running", "succeeded", "failed", "timedOut", "cancelled", "unreachable", "interrupted"] as const;
export type CommandVmStatus = (typeof COMMAND_VM_STATUSES)[number];

const commandIdSchema = z.string().regex(/^cmd-[a-z0-9]{1,40}$/, "a command id looks like cmd-1a2b3c4d5e6f; GET …/commands lists them");
export const commandParamsSchema = mciParamsSchema.extend({ cid: commandIdSchema });

export const commandCreateSchema = z
  .object({
    command: z
      .string()
      .min(1, "type a command to run, e.g. uname -a")
      .refine((s) => !s.includes("\0"), "a command cannot hold a NUL character")
      .refine((s) => Buffer.byteLength(s, "utf8") <= MAX_COMMAND_BYTES, `a command has at most ${MAX_COMMAND_BYTES} bytes (64 KiB); copy a longer script to the VMs and run it from there`)
      .refine((s) => s.trim().length > 0, "type a command to run, e.g. uname -a")
      .meta({ description: "Shell text run with sh -c on every chosen VM, as the login user", example: "uname -a" }),
    subGroup: subGroupNameSchema.optional().meta({ description: "Only the VMs of this subgroup" }),
    vmIds: z.array(z.string().min(1).max(80)).min(1, "name at least one VM, or leave vmIds out for every VM").max(2_000).optional().meta({ description: "Only these VMs (ids of the MCI's VMs); with subGroup, they must belong to it" }),
    timeoutSeconds: z.number().int("whole seconds").min(1, "at least 1 second").max(MAX_TIMEOUT_SECONDS, "at most 86400 seconds (a day)").default(DEFAULT_TIMEOUT_SECONDS).meta({ description: "The command is killed on each VM after this long (default 300)" }),
    concurrency: z.number().int("a whole number").min(1, "at least 1").max(MAX_CONCURRENCY, `at most ${MAX_CONCURRENCY}`).default(DEFAULT_CONCURRENCY).meta({ description: "How many VMs run it at once (default 100)" }),
  })
  .strict()
  .meta({ id: "CommandCreate" });
export type CommandCreate = z.output<typeof commandCreateSchema>;

export const commandListQuerySchema = z.object({
  limit: z.coerce.number().int("a whole number").min(1, "at least 1").max(200, "at most 200").default(50).meta({ description: "How many commands to answer (default 50)" }),
  before: commandIdSchema.optional().meta({ description: "Answer the commands older than this one (the last id of the previous page)" }),
});

export const commandStartedSchema = z.object({ id: z.string() }).meta({ id: "CommandStarted" });
export const commandCancelSchema = z.object({ id: z.string(), status: z.enum(COMMAND_STATUSES), message: z.string() }).meta({ id: "CommandCancel" });

export const commandVmSchema = z
  .object({
    vmId: z.string(),
    vmName: z.string(),
    status: z.enum(COMMAND_VM_STATUSES),
    exitCode: z.number().int().nullable(),
    stdout: z.string(),
    stderr: z.string(),
    truncated: z.boolean().meta({ description: `Output beyond the first ${MAX_OUTPUT_BYTES} bytes of stdout or of stderr was dropped` }),
    message: z.string().nullable().meta({ description: "Why a VM was unreachable, timed out or cancelled, in words" }),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: "CommandVm" });
export type CommandVmView = z.infer<typeof commandVmSchema>;

const countsSchema = z.record(z.enum(COMMAND_VM_STATUSES), z.number().int()).meta({ description: "How many VMs are in each status" });

const commandFields = {
  id: z.string(),
  mciId: z.string(),
  namespace: z.string(),
  command: z.string(),
  subGroup: z.string().nullable(),
  vmIds: z.array(z.string()).nullable(),
  timeoutSeconds: z.number().int(),
  concurrency: z.number().int(),
  status: z.enum(COMMAND_STATUSES),
  createdAt: z.string(),
  createdBy: z.string(),
  endedAt: z.string().nullable(),
  counts: countsSchema,
};

export const commandSummarySchema = z.object({ ...commandFields, vmCount: z.number().int() }).meta({ id: "CommandSummary" });
export type CommandSummary = z.infer<typeof commandSummarySchema>;
export const commandSchema = z.object({ ...commandFields, vms: z.array(commandVmSchema) }).meta({ id: "Command" });
export type CommandView = z.infer<typeof commandSchema>;
