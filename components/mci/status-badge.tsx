import type { MciState } from "@/lib/core/mci-status";
import { statusColour } from "@/lib/core/palette";
import type { VmStatus } from "@/lib/core/types";
import { badgeStatus } from "./status-display";

type Size = "sm" | "md";

/** A VM status as a chip in its status colour; `label` replaces the status's name as the text. */
export function StatusBadge({ status, label = status ?? "", size = "md" }: { status: VmStatus | null; label?: string; size?: Size }) {
  const colour = status ? statusColour(status) : "#94a3b8";
  const faded = status === "Terminated";
  return (
    <span
      data-testid="status-badge"
      data-status={label}
      className={`inline-flex max-w-full items-center gap-1.5 whitespace-nowrap rounded-md font-medium ring-1 ${
        size === "sm" ? "px-1.5 py-px text-sm" : "px-2 py-0.5 text-[0.95rem]"
      } ${faded ? "text-slate-400" : "text-slate-50"}`}
      style={{ backgroundColor: `${colour}30`, boxShadow: `inset 0 0 0 1px ${colour}90` }}
    >
      <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: colour, opacity: faded ? 0.6 : 1 }} />
      <span className="truncate">{label}</span>
    </span>
  );
}

/** An MCI's or a subgroup's status, e.g. `Partial-Running (3/5)`, coloured by its structure. */
export function GroupStatusBadge({ status, state, size }: { status: string; state: Pick<MciState, "phase" | "leading">; size?: Size }) {
  return <StatusBadge status={badgeStatus(state)} label={status} size={size} />;
}
