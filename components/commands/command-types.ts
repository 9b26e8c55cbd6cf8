/**
 * The remote-command API's answers as the console reads them (`/api/v1/ns/{ns}/mci/{id}/commands`).
 * Plain types, so client components need not import the server's zod schemas.
 */

/** `interrupted`: the server restarted while the VM ran it. */
export const COMMAND_VM_STATUSES = ["pending", "running", "succeeded", "failed", "timedOut", "cancelled", "unreachable", "interrupted"] as const;
export type CommandVmStatus = (typeof COMMAND_VM_STATUSES)[number];

/** `interrupted`: the server restarted while the command ran. */
export type CommandStatus = "running" | "finished" | "cancelled" | "interrupted";

export type CommandVmView = {
  vmId: string;
  vmName: string;
  status: CommandVmStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  startedAt: string | null;
  endedAt: string | null;
  /** Why a VM was unreachable, timed out or cancelled, in words. */
  message: string | null;
};

type CommandFields = {
  id: string;
  mciId: string;
  namespace: string;
  command: string;
  subGroup: string | null;
  vmIds: string[] | null;
  timeoutSeconds: number;
  concurrency: number;
  status: CommandStatus;
  createdAt: string;
  createdBy: string;
  endedAt: string | null;
  /** How many VMs are in each status. */
  counts: Partial<Record<CommandVmStatus, number>>;
};

/** A command in the history: no output. */
export type CommandSummary = CommandFields & { vmCount: number };
export type CommandView = CommandFields & { vms: CommandVmView[] };

export type CommandOutputEvent = { vmId: string; stream: "stdout" | "stderr"; data: string };
export type CommandVmEvent = { vmId: string; status: CommandVmStatus; exitCode?: number | null; message?: string | null; truncated?: boolean; startedAt?: string | null; endedAt?: string | null };
export type CommandEndEvent = { status: CommandStatus };

/** One event of a command's stream, as the console applies it. */
export type CommandEvent =
  | { type: "snapshot"; command: CommandView }
  | { type: "output"; output: CommandOutputEvent }
  | { type: "vm"; vm: CommandVmEvent }
  | { type: "end"; end: CommandEndEvent };
