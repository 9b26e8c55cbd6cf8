import { z } from "zod";
import { appInstallSchema, appInstallStartedSchema, appSchema, mciAppSchema } from "@/lib/validation/apps";
import { mciParamsSchema } from "@/lib/validation/mci";
import { endpoint } from "../endpoint";

export const listApps = endpoint({
  method: "GET",
  path: "/api/v1/apps",
  tag: "apps", access: "viewer",
  summary: "The apps Barista can install on an MCI's VMs: each recipe's id, name, version, description, ports and steps",
  description: "Recipes are YAML files of the repository (lib/remote/apps/recipes) plus those of the folder BARISTA_APPS_DIR names, read when the server starts.",
  response: z.array(appSchema),
});

export const installApp = endpoint({
  method: "POST",
  path: "/api/v1/ns/{ns}/mci/{id}/apps",
  tag: "apps", access: "operator",
  summary: "Install an app on every VM of the MCI, or of one subgroup (202; it runs in the background)",
  description: [
    "Opens the recipe's ports in the security group of each connection the VMs use (registered hosts: their own firewall must allow them, and each VM's message says so),",
    "then runs each step as a remote command on the VMs still installing (its output is in the MCI's commands), then the health check with its retries.",
    "A VM ends running (with its url) or failed (with which step, its exit code, its last stderr line and what to do). VMs that are not Running fail at once.",
    "400 for an unknown app (the message lists them), 404 for an unknown subgroup, 409 while an install of the same app on this MCI is still running, or when none of the VMs is Running.",
    "Installing again after a failure runs every step again: recipes' steps are safe to repeat.",
  ].join(" "),
  params: mciParamsSchema,
  body: appInstallSchema,
  response: appInstallStartedSchema,
  status: 202,
  errors: [400, 404, 409],
});

export const listMciApps = endpoint({
  method: "GET",
  path: "/api/v1/ns/{ns}/mci/{id}/apps",
  tag: "apps", access: "viewer",
  summary: "The apps installed or being installed on the MCI (the newest install of each), with each VM's state, step and message",
  params: mciParamsSchema,
  response: z.array(mciAppSchema),
  errors: [404],
});
