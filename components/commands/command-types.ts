/**
 * The remote-command API's answers as the console reads them (`/api/v1/ns/{ns}/mci/{id}/commands`).
 * Types only: the schemas stay on the server, the browser takes their shapes.
 */
import type { CommandStatus, CommandSummary, CommandView, CommandVmStatus, CommandVmView } from "@/lib/validation/commands";

export type { CommandStatus, CommandSummary, CommandView, CommandVmStatus, CommandVmView };

export type CommandOutputEvent = { vmId: string; stream: "stdout" | "stderr"; data: string };
export type CommandVmEvent = Partial<Omit<CommandVmView, "vmId" | "status" | "stdout" | "stderr">> & Pick<CommandVmView, "vmId" | "status">;
export type CommandEndEvent = { status: CommandStatus };

/** One event of a command's stream (`event: snapshot | output | vm | end`), as the console applies it. */
export type CommandEvent =
  | { type: "snapshot"; command: CommandView }
  | { type: "output"; output: CommandOutputEvent }
  | { type: "vm"; vm: CommandVmEvent }
  | { type: "end"; end: CommandEndEvent };
