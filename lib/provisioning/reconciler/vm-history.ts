import type { VmStatus } from "@/lib/core/types";
import type { Vm } from "@/lib/drivers/types";
import type { VmRow } from "@/lib/store/mci";
import type { VmFields } from "@/lib/store/vm-patches";

export interface HistoryEntry {
  status: VmStatus;
  at: number;
  reason?: string;
}

const MAX_HISTORY = 50;

export function readHistory(row: Pick<VmRow, "history">): HistoryEntry[] {
  try {
    const h = JSON.parse(row.history) as HistoryEntry[];
    return Array.isArray(h) ? h : [];
  } catch {
    return [];
  }
}

/** The patch that records a new observed status (and the cloud's facts about the VM) on a row. */
export function observedPatch(row: VmRow, status: VmStatus, now: number, cloud?: Vm, reason?: string | null): VmFields {
  const patch: VmFields = {};
  if (cloud) {
    patch.cloudId = cloud.id;
    patch.publicIp = cloud.publicIp;
    patch.privateIp = cloud.privateIp;
    patch.zone = cloud.zone;
  }
  const why = reason ?? cloud?.statusReason ?? null;
  if (status !== row.status) {
    patch.status = status;
    const entry: HistoryEntry = { status, at: now };
    if (why) entry.reason = why;
    patch.history = JSON.stringify([...readHistory(row), entry].slice(-MAX_HISTORY));
  }
  if (why !== row.statusReason && (why || status !== row.status)) patch.statusReason = why;
  return patch;
}
