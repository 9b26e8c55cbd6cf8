import { statusColour, statusOpacity } from "@/lib/core/palette";
import type { MciState, StatusCount } from "@/lib/core/mci-status";
import type { VmStatus } from "@/lib/core/types";

export type { StatusCount } from "@/lib/core/mci-status";
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

export function countKey(status: VmStatus): CountKey {
  return status.toLowerCase() as CountKey;
}

/** The VM status whose colour an MCI's badge wears: a deleting MCI looks like the step it is in. */
export function badgeStatus(state: Pick<MciState, "phase" | "leading">): VmStatus | null {
  return state.phase === "Deleting" ? "Terminating" : state.leading;
}

/** True while anything in the MCI changes, so the page polls fast. */
export function isBusy(mci: { state: Pick<MciState, "busy"> }): boolean {
  return mci.state.busy;
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

const n = (x: number) => x.toLocaleString("en-US");

/** `37/100 running · 60 creating · 3 failed`: running first, always; the others when there are any. */
export function progressText(count: StatusCount): string {
  const parts = [`${n(count.running)}/${n(count.total)} running`];
  for (const s of STATUS_ORDER) {
    if (s === "Running") continue;
    const k = count[countKey(s)];
    if (k > 0) parts.push(`${n(k)} ${s.toLowerCase()}`);
  }
  return parts.join(" · ");
}
