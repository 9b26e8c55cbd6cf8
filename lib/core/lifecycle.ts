import type { VmStatus } from "./types";

/** What a user (or the reconciler) can ask of a VM once it exists. */
export type VmAction = "suspend" | "resume" | "reboot" | "terminate";

/** The states an action may start from. Terminate is idempotent, so it also accepts a VM already going away. */
const ALLOWED_FROM: Record<VmAction, readonly VmStatus[]> = {
  suspend: ["Running"],
  resume: ["Suspended"],
  reboot: ["Running"],
  terminate: ["Creating", "Running", "Suspending", "Suspended", "Resuming", "Rebooting", "Terminating", "Terminated", "Failed", "Undefined"],
};

/** The status a VM shows while the action is in progress. */
export const IN_PROGRESS: Record<VmAction, VmStatus> = {
  suspend: "Suspending",
  resume: "Resuming",
  reboot: "Rebooting",
  terminate: "Terminating",
};

/** The status a VM reaches when the action completes. */
export const SETTLES_TO: Record<VmAction, VmStatus> = {
  suspend: "Suspended",
  resume: "Running",
  reboot: "Running",
  terminate: "Terminated",
};

export const FINAL_STATUSES: readonly VmStatus[] = ["Terminated", "Failed"];

export function isFinal(status: VmStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/**
 * Statuses in which a VM runs nothing: what it reported before is not what it does now, so heat
 * maps and the fleet's CPU leave it out at once rather than when its last sample grows old.
 */
export function isAtRest(status: VmStatus): boolean {
  return status === "Suspended" || isFinal(status);
}

export function isTransitional(status: VmStatus): boolean {
  return status === "Creating" || Object.values(IN_PROGRESS).includes(status);
}

/** What a VM is next to what was asked of it: the reconciler's work list in one line. */
export interface VmWish {
  status: VmStatus;
  /** Running, Suspended, Terminated, or Removed (a terminate whose row then goes too). */
  desired: string;
  /** A reboot was asked for and not made yet. */
  rebootPending?: boolean;
}

/** Whether a VM at rest still has a wish the cloud has not met, so the reconciler has a step to make. */
export function wishUnmet({ status, desired, rebootPending = false }: VmWish): boolean {
  if (desired === "Terminated" || desired === "Removed") return status !== "Terminated";
  if (desired === "Suspended") return status === "Running";
  return status === "Suspended" || (status === "Running" && rebootPending);
}

/**
 * Whether the reconciler still works on a VM: it moves, it has a wish unmet, or it waits to be
 * removed (its row goes only after it is terminated).
 */
export function vmIsBusy(vm: VmWish): boolean {
  return isTransitional(vm.status) || wishUnmet(vm) || vm.desired === "Removed";
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function checkTransition(status: VmStatus, action: VmAction): TransitionCheck {
  const allowed = ALLOWED_FROM[action];
  if (allowed.includes(status)) return { ok: true };
  const from = allowed.join(" or ");
  return { ok: false, reason: `cannot ${action} a VM that is ${status}: only a VM that is ${from} can be ${pastTense(action)}` };
}

function pastTense(action: VmAction): string {
  return action === "suspend" ? "suspended" : action === "resume" ? "resumed" : action === "reboot" ? "rebooted" : "terminated";
}
