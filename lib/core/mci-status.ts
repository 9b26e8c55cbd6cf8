import { vmIsBusy, type VmWish } from "./lifecycle";
import { VM_STATUSES, type VmStatus } from "./types";

export type StatusCount = { total: number } & Record<Lowercase<VmStatus>, number>;

/**
 * Where an MCI (or a subgroup) stands, as structure:
 * - `Empty`: no VMs;
 * - `Uniform`: every VM has the status `leading`;
 * - `Partial`: VMs disagree, `leading` is the most common status;
 * - `Deleting`: the MCI is being deleted, `leading` is Terminated and `count` says how many are.
 */
export type MciPhase = "Empty" | "Uniform" | "Partial" | "Deleting";

export interface MciState {
  phase: MciPhase;
  /** The status `count` VMs have; null when there are no VMs. */
  leading: VmStatus | null;
  count: number;
  total: number;
  /** The reconciler still works on something: a VM moves, waits for a step, or the MCI is being deleted. */
  busy: boolean;
}

export interface AggregateStatus {
  /** The display string, e.g. `Partial-Running (3/5)`: always `statusText(state)`. */
  status: string;
  state: MciState;
  statusCount: StatusCount;
}

export function countStatuses(statuses: Iterable<VmStatus>): StatusCount {
  const count = { total: 0 } as StatusCount;
  for (const s of VM_STATUSES) count[lower(s)] = 0;
  for (const s of statuses) {
    count[lower(s)] += 1;
    count.total += 1;
  }
  return count;
}

/**
 * An MCI's state from its VMs'. The leading status is the most common one; ties go to the status
 * listed first in VM_STATUSES, so the answer never depends on the order of the VMs.
 */
export function aggregateStatus(vms: readonly VmWish[], deleting = false): AggregateStatus {
  const statusCount = countStatuses(vms.map((v) => v.status));
  const total = statusCount.total;
  const busy = deleting || vms.some(vmIsBusy);
  let state: MciState;
  if (deleting) state = { phase: "Deleting", leading: "Terminated", count: statusCount.terminated, total, busy };
  else if (total === 0) state = { phase: "Empty", leading: null, count: 0, total, busy };
  else {
    let top: VmStatus = VM_STATUSES[0];
    for (const s of VM_STATUSES) if (statusCount[lower(s)] > statusCount[lower(top)]) top = s;
    const count = statusCount[lower(top)];
    state = { phase: count === total ? "Uniform" : "Partial", leading: top, count, total, busy };
  }
  return { status: statusText(state), state, statusCount };
}

/** `Running`, `Partial-Running (3/5)`, `Deleting (2/5 terminated)` or `Empty`. */
export function statusText(state: Pick<MciState, "phase" | "leading" | "count" | "total">): string {
  switch (state.phase) {
    case "Empty":
      return "Empty";
    case "Uniform":
      return `${state.leading}`;
    case "Partial":
      return `Partial-${state.leading} (${state.count}/${state.total})`;
    case "Deleting":
      return deletingText(state.count, state.total);
  }
}

/** The one wording of a deletion's progress: the MCI's status and its progress bar both say it. */
export function deletingText(terminated: number, total: number): string {
  return `Deleting (${terminated}/${total} terminated)`;
}

function lower(s: VmStatus): Lowercase<VmStatus> {
  return s.toLowerCase() as Lowercase<VmStatus>;
}
