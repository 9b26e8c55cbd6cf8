import { STATUS_COLOURS } from "@/lib/core/palette";
import type { CommandStatus, CommandVmStatus } from "./command-types";

/**
 * A VM's command status in the colours operators read VM statuses by (one palette, colour-blind
 * safe): succeeded green as running, running blue as creating, failed red, timed out amber, waiting
 * and cancelled grey, unreachable purple like an unknown state.
 */
export const COMMAND_VM_COLOURS: Readonly<Record<CommandVmStatus, string>> = {
  pending: STATUS_COLOURS.Suspended,
  running: STATUS_COLOURS.Creating,
  succeeded: STATUS_COLOURS.Running,
  failed: STATUS_COLOURS.Failed,
  timedOut: STATUS_COLOURS.Rebooting,
  cancelled: STATUS_COLOURS.Terminated,
  unreachable: STATUS_COLOURS.Undefined,
  interrupted: STATUS_COLOURS.Terminated,
};

const WORDS: Readonly<Record<CommandVmStatus, string>> = {
  pending: "pending",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  timedOut: "timed out",
  cancelled: "cancelled",
  unreachable: "unreachable",
  interrupted: "interrupted",
};

/** `failed · exit 3`, `timed out`, `succeeded`. */
export function vmStatusLabel(status: CommandVmStatus, exitCode: number | null): string {
  return status === "failed" && exitCode !== null ? `failed · exit ${exitCode}` : WORDS[status];
}

export function statusWord(status: CommandVmStatus): string {
  return WORDS[status];
}

/** The order counters are listed in: what needs attention first after what is moving. */
export const COUNTER_ORDER: readonly CommandVmStatus[] = ["running", "pending", "succeeded", "failed", "timedOut", "unreachable", "cancelled", "interrupted"];

/** Statuses in which a VM is done with the command. */
export function isFinal(status: CommandVmStatus): boolean {
  return status !== "pending" && status !== "running";
}

export function commandStatusLabel(status: CommandStatus): string {
  return status === "running" ? "running" : status === "finished" ? "finished" : status === "cancelled" ? "cancelled" : "interrupted by a restart";
}
