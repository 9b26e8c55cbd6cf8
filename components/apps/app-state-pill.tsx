import type { AppVmState } from "@/lib/validation/apps";

export const APP_STATE_COLOURS: Record<AppVmState, string> = { installing: "#38bdf8", running: "#22c55e", failed: "#f43f5e" };

/** An app's state on a VM as a chip in its colour: `nginx · running`. */
export function AppStatePill({ state, label, title, small = false }: { state: AppVmState; label?: string; title?: string; small?: boolean }) {
  const colour = APP_STATE_COLOURS[state];
  return (
    <span
      data-testid="app-state"
      data-state={state}
      title={title}
      className={`inline-flex max-w-full items-center gap-1.5 whitespace-nowrap rounded-md px-1.5 py-px font-medium text-slate-50 ${small ? "text-xs" : "text-sm"}`}
      style={{ backgroundColor: `${colour}30`, boxShadow: `inset 0 0 0 1px ${colour}90` }}
    >
      <span aria-hidden className={`${small ? "h-2 w-2" : "h-2.5 w-2.5"} shrink-0 rounded-full ${state === "installing" ? "animate-pulse" : ""}`} style={{ backgroundColor: colour }} />
      <span className="truncate">{label ? `${label} · ${state}` : state}</span>
    </span>
  );
}
