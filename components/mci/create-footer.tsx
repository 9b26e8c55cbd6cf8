import { formatPrice } from "@/components/map/format";
import { plural } from "@/lib/core/plural";
import type { Step } from "./create-steps";

interface Props {
  step: Step;
  regionCount: number;
  /** Why the draft cannot be reviewed yet, or null. */
  blocker: string | null;
  totalVms: number;
  estimate: number;
  /** How many VMs the review found, once there is one. */
  reviewedVms: number | null;
  pending: boolean;
  creating: boolean;
  onStep: (s: Step) => void;
  onReview: () => void;
  onCreate: () => void;
}

/** The create panel's foot: the way to the next step, with what it will make and cost so far. */
export function CreateFooter({ step, regionCount, blocker, totalVms, estimate, reviewedVms, pending, creating, onStep, onReview, onCreate }: Props) {
  return (
    <footer className="flex items-center gap-3 border-t border-panel-edge px-5 py-3">
      {step === "regions" && (
        <>
          <p className="flex-1 text-sm text-slate-400">{regionCount > 0 ? "Next: a size, an image and a count per subgroup." : "Pick at least one region to continue."}</p>
          <button
            type="button"
            disabled={regionCount === 0}
            onClick={() => onStep("configure")}
            className="rounded-lg bg-sky-700 px-5 py-2 font-semibold text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
          >
            Configure {regionCount > 0 ? plural(regionCount, "subgroup") : ""} →
          </button>
        </>
      )}
      {step === "configure" && (
        <>
          <button type="button" onClick={() => onStep("regions")} className="rounded-lg px-3 py-2 text-slate-200 hover:bg-slate-700/60">
            ← Regions
          </button>
          <p className="min-w-0 flex-1 text-right text-sm text-slate-300" data-testid="estimate">
            {blocker ?? (
              <>
                {plural(totalVms, "VM")} · about <span className="tabular-nums text-emerald-200">{formatPrice(estimate)}</span>
              </>
            )}
          </p>
          <button
            type="button"
            disabled={pending || blocker !== null}
            onClick={onReview}
            className="rounded-lg bg-sky-700 px-5 py-2 font-semibold text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
          >
            {pending ? "Reviewing…" : "Review →"}
          </button>
        </>
      )}
      {step === "review" && (
        <>
          <button type="button" disabled={pending || creating} onClick={() => onStep("configure")} className="rounded-lg px-3 py-2 text-slate-200 hover:bg-slate-700/60 disabled:opacity-50">
            ← Change
          </button>
          <p className="min-w-0 flex-1 text-right text-sm text-slate-300">Nothing is made until you press Create.</p>
          <button
            type="button"
            disabled={pending || creating || reviewedVms === null}
            onClick={onCreate}
            className="rounded-lg bg-emerald-700 px-5 py-2 font-semibold text-white hover:bg-emerald-800 disabled:cursor-wait disabled:bg-emerald-900"
          >
            {pending || creating ? "Creating…" : `Create ${reviewedVms !== null ? plural(reviewedVms, "VM") : "MCI"}`}
          </button>
        </>
      )}
    </footer>
  );
}
