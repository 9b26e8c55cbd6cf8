/**
 * The remote-command API's answers as the console reads them (`/api/v1/ns/{ns}/mci/{id}/commands`).
 * Plain types, so client components need not import the server's zod schemas.
 */

export const COMMAND_VM_STATUSES = ["pending", "running", "succeeded", "failed", "timedOut", "cancelled", "unreachable"] as const;
export type CommandVmStatus = (typeof COMMAND_VM_STATUSES)[number];

/** `interrupted`: the server restarted while the command ran. */
export type CommandStatus = "running" | "finished" | "cancelled" | "interrupted";

export type CommandVmView = {
  vmId: string;
  status: CommandVmStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  startedAt: string | null;
  endedAt: string | null;
  /** Why a VM was unreachable (or another reason it did not run). */
  message?: string | null;
};

export type CommandView = {
  id: string;
  command: string;
  status: CommandStatus;
  createdAt: string;
  createdBy: string | null;
  vms: CommandVmView[];
};

export type CommandOutputEvent = { vmId: string; stream: "stdout" | "stderr"; data: string };
export type CommandVmEvent = { vmId: string; status: CommandVmStatus; exitCode?: number | null; message?: string | null; truncated?: boolean; startedAt?: string | null; endedAt?: string | null };
export type CommandEndEvent = { status: CommandStatus };

/** One event of a command's stream, as the console applies it. */
export type CommandEvent =
  | { type: "snapshot"; command: CommandView }
  | { type: "output"; output: CommandOutputEvent }
  | { type: "vm"; vm: CommandVmEvent }
  | { type: "end"; end: CommandEndEvent };
