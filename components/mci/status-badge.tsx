import { statusColour } from "@/lib/core/palette";
import type { VmStatus } from "@/lib/core/types";
import { leadingStatus } from "./status-display";

/** A status as a chip in its status colour; takes a VM status or an MCI status such as `Partial-Running (3/5)`. */
export function StatusBadge({ status, size = "md" }: { status: string; size?: "sm" | "md" }) {
  const lead: VmStatus | null = leadingStatus(status);
  const colour = lead ? statusColour(lead) : "#94a3b8";
  const faded = lead === "Terminated";
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={`inline-flex max-w-full items-center gap-1.5 whitespace-nowrap rounded-md font-medium ring-1 ${
        size === "sm" ? "px-1.5 py-px text-sm" : "px-2 py-0.5 text-[0.95rem]"
      } ${faded ? "text-slate-400" : "text-slate-50"}`}
      style={{ backgroundColor: `${colour}30`, boxShadow: `inset 0 0 0 1px ${colour}90` }}
    >
      <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: colour, opacity: faded ? 0.6 : 1 }} />
      <span className="truncate">{status}</span>
    </span>
  );
}
