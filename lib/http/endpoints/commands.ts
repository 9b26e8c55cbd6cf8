import { z } from "zod";
import { mciParamsSchema } from "@/lib/validation/mci";
import {
  commandCancelSchema,
  commandCreateSchema,
  commandListQuerySchema,
  commandParamsSchema,
  commandSchema,
  commandStartedSchema,
  commandSummarySchema,
  MAX_OUTPUT_BYTES,
} from "@/lib/validation/commands";
import { endpoint } from "../endpoint";

export const runCommand = endpoint({
  method: "POST",
  path: "/api/v1/ns/{ns}/mci/{id}/commands",
  tag: "commands", access: "operator",
  summary: "Run a shell command on every VM of the MCI, one subgroup or chosen VMs (202; it runs in the background)",
  description: [
    "Each VM is reached over SSH (the namespace's key for VMs Barista made, the credential's key for registered hosts) and runs the command with sh -c as the login user.",
    "A VM ends succeeded (exit 0), failed (non-zero exit, with exitCode), timedOut, cancelled, or unreachable (not running, or the login or connection failed; `message` says why).",
    `Each VM keeps the first ${MAX_OUTPUT_BYTES / 1024} KiB of stdout and of stderr; more sets truncated.`,
    "404 for an unknown subgroup or VM, 409 when none of the chosen VMs is Running. The audit log records the command's text.",
  ].join(" "),
  params: mciParamsSchema,
  body: commandCreateSchema,
  response: commandStartedSchema,
  status: 202,
  errors: [400, 404, 409],
});

export const listCommands = endpoint({
  method: "GET",
  path: "/api/v1/ns/{ns}/mci/{id}/commands",
  tag: "commands", access: "viewer",
  summary: "The MCI's commands, newest first, without their output (page with before=<last id>)",
  params: mciParamsSchema,
  query: commandListQuerySchema,
  response: z.array(commandSummarySchema),
  errors: [404],
});

export const getCommand = endpoint({
  method: "GET",
  path: "/api/v1/ns/{ns}/mci/{id}/commands/{cid}",
  tag: "commands", access: "viewer",
  summary: "One command with every VM's status, exit code and output",
  params: commandParamsSchema,
  response: commandSchema,
  errors: [404],
});

export const streamCommand = endpoint({
  method: "GET",
  path: "/api/v1/ns/{ns}/mci/{id}/commands/{cid}/stream",
  tag: "commands", access: "viewer",
  summary: "Server-Sent Events (text/event-stream) of the command's output and statuses as they come",
  description: [
    "First `event: snapshot` with the whole command (as GET …/commands/{cid}), then `event: output` {vmId, stream: stdout|stderr, data} for each piece of output",
    "and `event: vm` {vmId, status, exitCode, truncated, message, startedAt, endedAt} when a VM's status changes, and finally `event: end` {status}, after which the server closes the stream.",
    "A comment line (`: heartbeat`) comes every 15 s. A command that already ended answers its snapshot and end at once.",
    `Output past the first ${MAX_OUTPUT_BYTES / 1024} KiB per stream of a VM is not sent (the vm event then says truncated: true).`,
  ].join(" "),
  params: commandParamsSchema,
  errors: [404],
});

export const cancelCommand = endpoint({
  method: "POST",
  path: "/api/v1/ns/{ns}/mci/{id}/commands/{cid}/cancel",
  tag: "commands", access: "operator",
  summary: "Cancel a running command: it is killed on the VMs running it and VMs not started yet never start it (202)",
  params: commandParamsSchema,
  response: commandCancelSchema,
  status: 202,
  errors: [404, 409],
});
