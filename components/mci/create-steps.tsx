export type Step = "regions" | "configure" | "review";

const STEPS: { id: Step; label: string }[] = [
  { id: "regions", label: "Regions" },
  { id: "configure", label: "Configure" },
  { id: "review", label: "Review" },
];

/** The create flow's three steps as tabs: one may go back to any, and forward only as far as the draft allows. */
export function StepTabs({ step, canConfigure, reviewed, onStep }: { step: Step; canConfigure: boolean; reviewed: boolean; onStep: (s: Step) => void }) {
  return (
    <ol className="mt-3 grid grid-cols-3 gap-1.5" aria-label="Steps">
      {STEPS.map((s, i) => {
        const current = s.id === step;
        const reachable = s.id === "regions" || (s.id === "configure" && canConfigure) || (s.id === "review" && reviewed);
        return (
          <li key={s.id}>
            <button
              type="button"
              aria-current={current ? "step" : undefined}
              disabled={!reachable || current}
              onClick={() => onStep(s.id)}
              className={`w-full rounded-md border px-2 py-1.5 text-left text-[0.95rem] font-medium ${
                current ? "border-sky-400 bg-sky-500/15 text-white" : reachable ? "border-panel-edge text-slate-200 hover:bg-slate-700/50" : "border-panel-edge/60 text-slate-500"
              }`}
            >
              <span className="tabular-nums text-slate-400">{i + 1}</span> {s.label}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
