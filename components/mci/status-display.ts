import { statusColour, statusOpacity } from "@/lib/core/palette";
import { VM_STATUSES, type VmStatus } from "@/lib/core/types";
import type { MciView } from "@/lib/validation/mci";

export type StatusCount = MciView["statusCount"];
export type CountKey = Exclude<keyof StatusCount, "total">;

/** The order statuses are shown in: what works first, then what is on its way, then what is gone. */
export const STATUS_ORDER: readonly VmStatus[] = [
  "Running",
  "Rebooting",
  "Resuming",
  "Creating",
  "Suspending",
  "Suspended",
  "Terminating",
  "Terminated",
  "Failed",
  "Undefined",
];

const TRANSITIONAL: readonly CountKey[] = ["creating", "suspending", "resuming", "rebooting", "terminating"];

export function countKey(status: VmStatus): CountKey {
  return status.toLowerCase() as CountKey;
}

export function isVmStatus(value: string): value is VmStatus {
  return (VM_STATUSES as readonly string[]).includes(value);
}

type VmWish = Pick<MciView["vms"][number], "status" | "desired">;

/** A VM the reconciler still works on: in a transitional state, or asked for a state it has not reached. */
export function vmIsBusy(v: VmWish): boolean {
  if (TRANSITIONAL.includes(countKey(v.status))) return true;
  return v.desired === "Removed" || (v.desired !== v.status && v.status !== "Failed");
}

/** True while anything in the MCI changes, so the page polls fast. */
export function isBusy(mci: { deleting: boolean; statusCount: StatusCount; vms: readonly VmWish[] }): boolean {
  if (mci.deleting) return true;
  if (TRANSITIONAL.some((k) => mci.statusCount[k] > 0)) return true;
  return mci.vms.some(vmIsBusy);
}

export type Segment = { status: VmStatus; count: number; colour: string; opacity: number };

/** The non-empty statuses of a count, in display order, with their colours. */
export function statusSegments(count: StatusCount): Segment[] {
  return STATUS_ORDER.filter((s) => count[countKey(s)] > 0).map((s) => ({
    status: s,
    count: count[countKey(s)],
    colour: statusColour(s),
    opacity: statusOpacity(s),
  }));
}

/** `37/100 running · 60 creating · 3 failed`: running first, always; the others when there are any. */
export function progressText(count: StatusCount): string {
  const parts = [`${count.running}/${count.total} running`];
  for (const s of STATUS_ORDER) {
    if (s === "Running") continue;
    const n = count[countKey(s)];
    if (n > 0) parts.push(`${n} ${s.toLowerCase()}`);
  }
  return parts.join(" · ");
}

/** The VM status an MCI status string leads with: `Partial-Creating (3/5)` → Creating. */
export function leadingStatus(mciStatus: string): VmStatus | null {
  if (mciStatus.startsWith("Deleting")) return "Terminating";
  const word = mciStatus.replace(/^Partial-/, "").split(/[\s(]/)[0];
  return isVmStatus(word) ? word : null;
}

export function countStatuses(statuses: Iterable<VmStatus>): StatusCount {
  const count = { total: 0 } as StatusCount;
  for (const s of VM_STATUSES) count[countKey(s)] = 0;
  for (const s of statuses) {
    count[countKey(s)] += 1;
    count.total += 1;
  }
  return count;
}
