import { plural } from "@/lib/core/plural";
import type { MciApp } from "@/lib/validation/apps";
import { APP_STATE_COLOURS } from "./app-state-pill";

const ORDER = ["running", "installing", "failed"] as const;

/** One bar per app: a segment per state in its colour, and the counts in words beside it. */
export function AppProgress({ app }: { app: MciApp }) {
  const total = app.vms.length;
  const words = ORDER.filter((s) => app.counts[s] > 0).map((s) => `${app.counts[s]} ${s}`);
  return (
    <div data-testid="app-progress" data-app={app.app} data-running={app.counts.running} data-installing={app.counts.installing} data-failed={app.counts.failed} data-total={total}>
      <div role="progressbar" aria-label={`${app.name}: VMs running`} aria-valuemin={0} aria-valuemax={total} aria-valuenow={app.counts.running} className="flex h-2.5 overflow-hidden rounded-full bg-slate-700/70">
        {ORDER.map((s) => (app.counts[s] ? <span key={s} style={{ width: `${(app.counts[s] / total) * 100}%`, backgroundColor: APP_STATE_COLOURS[s] }} /> : null))}
      </div>
      <p className="mt-1 text-sm text-slate-300">
        {words.join(" · ") || "no VMs"} of {plural(total, "VM")}
      </p>
    </div>
  );
}
