import { z } from "zod";
import { subGroupNameSchema } from "./mci";

/** The variables a recipe's `run` and `url` may name; each is filled in per VM. */
export const TEMPLATE_VARIABLES = ["host", "publicIp", "privateIp", "vmName"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export const DEFAULT_STEP_TIMEOUT_SECONDS = 600;
export const MAX_STEP_TIMEOUT_SECONDS = 86_400;

const APP_STATES = ["installing", "running", "failed"] as const;
export type AppVmState = (typeof APP_STATES)[number];

/** `{{name}}` placeholders of a template, in order. */
export function templateNames(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]);
}

const templated = (what: string) =>
  z
    .string()
    .min(1, `give the ${what}`)
    .refine((s) => !s.includes("\0"), `the ${what} cannot hold a NUL character`)
    .superRefine((s, ctx) => {
      for (const name of templateNames(s)) {
        if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) ctx.addIssue({ code: "custom", message: `{{${name}}} is not a template variable; use ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(", ")}` });
      }
    });

const appIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, "an app id is lower-case letters, digits and dashes, starting with a letter, at most 40 characters (e.g. nginx, video-conference)");

export const appPortSchema = z
  .object({
    protocol: z.enum(["tcp", "udp"], "protocol is tcp or udp"),
    port: z.number().int("a whole port number").min(1, "a port is 1-65535").max(65535, "a port is 1-65535"),
    description: z.string().min(1, "say what the port is for").max(120),
  })
  .strict()
  .meta({ id: "AppPort" });
export type AppPort = z.infer<typeof appPortSchema>;

/** A recipe file (lib/remote/apps/recipes/<id>.yaml, or one of BARISTA_APPS_DIR), as written. */
export const recipeSchema = z
  .object({
    id: appIdSchema,
    name: z.string().min(1, "give the app a name").max(80),
    version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, "a version looks like 1.0.0"),
    description: z.string().min(1, "give one line for the app list").max(300),
    ports: z.array(appPortSchema).default([]),
    url: templated("url").optional(),
    steps: z
      .array(
        z
          .object({
            name: z.string().min(1, "give the step a name").max(120),
            run: templated("command"),
            timeoutSeconds: z.number().int("whole seconds").min(1).max(MAX_STEP_TIMEOUT_SECONDS).default(DEFAULT_STEP_TIMEOUT_SECONDS),
          })
          .strict(),
      )
      .min(1, "a recipe has at least one step"),
    health: z
      .object({
        run: templated("health command"),
        retries: z.number().int("a whole number").min(0).max(100).default(10),
        intervalSeconds: z.number().min(0).max(600).default(3),
        timeoutSeconds: z.number().int("whole seconds").min(1).max(600).default(60),
      })
      .strict(),
  })
  .strict();
export type Recipe = z.output<typeof recipeSchema>;

export const appSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    description: z.string(),
    ports: z.array(appPortSchema),
    url: z.string().nullable().meta({ description: "Where a VM serves the app once it runs, with {{host}} for its address" }),
    steps: z.array(z.string()).meta({ description: "The names of its steps, in order" }),
  })
  .meta({ id: "App" });
export type AppView = z.infer<typeof appSchema>;

export const appInstallSchema = z
  .object({
    app: z.string().min(1, "name the app to install; GET /api/v1/apps lists them").max(40).meta({ description: "An app id of GET /api/v1/apps", example: "nginx" }),
    subGroup: subGroupNameSchema.optional().meta({ description: "Only the VMs of this subgroup (default: every VM of the MCI)" }),
  })
  .strict()
  .meta({ id: "AppInstallRequest" });
export type AppInstallRequest = z.infer<typeof appInstallSchema>;

export const appInstallStartedSchema = z.object({ id: z.string() }).meta({ id: "AppInstallStarted" });

export const appVmSchema = z
  .object({
    vmId: z.string(),
    vmName: z.string(),
    state: z.enum(APP_STATES),
    step: z.string().meta({ description: "The step running now, or the last one run (`health check` for the check)" }),
    message: z.string().nullable().meta({ description: "What happened, in words; for a failed VM, which step, its exit code, its last stderr line and what to do" }),
    url: z.string().optional().meta({ description: "Where the VM serves the app, once it runs" }),
    commandId: z.string().nullable().meta({ description: "The remote command of the last step run on this VM (GET …/commands/{cid} has its output)" }),
  })
  .meta({ id: "AppVm" });
export type AppVm = z.infer<typeof appVmSchema>;

export const mciAppSchema = z
  .object({
    app: z.string(),
    name: z.string(),
    version: z.string(),
    installId: z.string(),
    subGroup: z.string().nullable(),
    status: z.enum(["installing", "finished"]),
    createdBy: z.string(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    counts: z.object({ installing: z.number().int(), running: z.number().int(), failed: z.number().int() }),
    vms: z.array(appVmSchema),
  })
  .meta({ id: "MciApp" });
export type MciApp = z.infer<typeof mciAppSchema>;
