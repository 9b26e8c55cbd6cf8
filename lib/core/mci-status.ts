import { VM_STATUSES, type VmStatus } from "./types";

export type StatusCount = { total: number } & Record<Lowercase<VmStatus>, number>;

export interface AggregateStatus {
  status: string;
  statusCount: StatusCount;
}

export function emptyStatusCount(): StatusCount {
  const count = { total: 0 } as StatusCount;
  for (const s of VM_STATUSES) count[s.toLowerCase() as Lowercase<VmStatus>] = 0;
  return count;
}

/**
 * An MCI's status from its VMs': the shared status when every VM agrees (`Running`), otherwise
 * `Partial-<most common> (n/total)`. Ties go to the status listed first in VM_STATUSES, so the
 * answer never depends on the order of the VMs.
 */
export function aggregateStatus(statuses: readonly VmStatus[]): AggregateStatus {
  const statusCount = emptyStatusCount();
  for (const s of statuses) {
    statusCount[s.toLowerCase() as Lowercase<VmStatus>] += 1;
    statusCount.total += 1;
  }
  if (statusCount.total === 0) return { status: "Empty", statusCount };
  let top: VmStatus = VM_STATUSES[0];
  for (const s of VM_STATUSES) if (statusCount[lower(s)] > statusCount[lower(top)]) top = s;
  const n = statusCount[lower(top)];
  const status = n === statusCount.total ? top : `Partial-${top} (${n}/${statusCount.total})`;
  return { status, statusCount };
}

function lower(s: VmStatus): Lowercase<VmStatus> {
  return s.toLowerCase() as Lowercase<VmStatus>;
}
