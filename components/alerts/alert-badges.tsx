import type { AlertEventView, AlertRuleView } from "@/lib/validation/monitoring";

const SEVERITY_STYLE: Readonly<Record<AlertRuleView["severity"], string>> = {
  critical: "bg-rose-500/20 text-rose-100 ring-rose-400/70",
  warning: "bg-amber-500/20 text-amber-100 ring-amber-400/70",
  info: "bg-sky-500/20 text-sky-100 ring-sky-400/60",
};

/** info / warning / critical in the colours operators expect. */
export function SeverityBadge({ severity }: { severity: string }) {
  const style = SEVERITY_STYLE[severity as AlertRuleView["severity"]] ?? "bg-slate-700/60 text-slate-200 ring-slate-500";
  return (
    <span data-testid="severity-badge" className={`inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-sm font-medium ring-1 ${style}`}>
      {severity}
    </span>
  );
}

/** Firing is red and loud; resolved is green and quiet. */
export function EventStateBadge({ state }: { state: AlertEventView["state"] }) {
  const firing = state === "firing";
  return (
    <span
      data-testid="event-state"
      data-state={state}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-0.5 text-sm font-semibold ring-1 ${
        firing ? "bg-rose-500/20 text-rose-100 ring-rose-400/70" : "bg-emerald-500/15 text-emerald-100 ring-emerald-400/50"
      }`}
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${firing ? "bg-rose-400 shadow-[0_0_6px_#fb7185]" : "bg-emerald-400"}`} />
      {state}
    </span>
  );
}
