import { COMMAND_VM_COLOURS, vmStatusLabel } from "./command-display";
import type { CommandVmStatus } from "./command-types";

/** A VM's command status as a chip in its colour: `failed · exit 3`. */
export function CommandVmPill({ status, exitCode, title }: { status: CommandVmStatus; exitCode: number | null; title?: string }) {
  const colour = COMMAND_VM_COLOURS[status];
  const faded = status === "cancelled" || status === "interrupted" || status === "pending";
  return (
    <span
      data-testid="command-vm-status"
      title={title}
      className={`inline-flex max-w-full items-center gap-1.5 whitespace-nowrap rounded-md px-1.5 py-px text-sm font-medium ring-1 ${faded ? "text-slate-300" : "text-slate-50"}`}
      style={{ backgroundColor: `${colour}30`, boxShadow: `inset 0 0 0 1px ${colour}90` }}
    >
      <span aria-hidden className={`h-2.5 w-2.5 shrink-0 rounded-full ${status === "running" ? "animate-pulse" : ""}`} style={{ backgroundColor: colour }} />
      <span className="truncate">{vmStatusLabel(status, exitCode)}</span>
    </span>
  );
}
