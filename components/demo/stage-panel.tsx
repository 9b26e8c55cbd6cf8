import type { StagePanel } from "./tour-runtime";

const TONES = { good: "text-emerald-300", bad: "text-rose-300", plain: "text-white" } as const;

function QualityColumn({ title, mean, worst, tone, regions }: { title: string; mean: number; worst: number; tone: "good" | "bad"; regions: string[] }) {
  return (
    <div className="min-w-0 flex-1">
      <p className="text-xl font-semibold text-slate-200">{title}</p>
      <div className="mt-2 flex gap-8">
        <p>
          <span className={`block text-7xl font-bold tabular-nums ${TONES[tone]}`} data-testid={`quality-${tone === "good" ? "placed" : "careless"}-mean`}>
            {Math.round(mean)}
            <span className="text-3xl"> ms</span>
          </span>
          <span className="text-lg text-slate-400">mean</span>
        </p>
        <p>
          <span className={`block text-7xl font-bold tabular-nums ${TONES[tone]}`}>
            {Math.round(worst)}
            <span className="text-3xl"> ms</span>
          </span>
          <span className="text-lg text-slate-400">worst</span>
        </p>
      </div>
      <p className="mt-2 truncate text-base text-slate-400" title={regions.join(", ")}>
        {regions.join(" · ")}
      </p>
    </div>
  );
}

/** The big figures a step puts over its page: readable from the back of a room. */
export function StagePanelView({ panel }: { panel: StagePanel }) {
  if (panel.kind === "quality") {
    const { placed, careless, factor, basis, notes } = panel.answer;
    return (
      <div data-testid="demo-quality" className="pointer-events-auto w-[min(60rem,94vw)] rounded-2xl border border-panel-edge bg-panel/95 p-6 shadow-2xl">
        <p className="mb-4 text-2xl font-semibold text-white">Round trip from each participant to their conference server</p>
        <div className="flex gap-10">
          <QualityColumn title="Placed by Barista" mean={placed.meanMs} worst={placed.worstMs} tone="good" regions={placed.servers.map((s) => s.region)} />
          <QualityColumn title="Careless: random regions" mean={careless.meanMs} worst={careless.worstMs} tone="bad" regions={careless.servers.map((s) => s.region)} />
        </div>
        <p className="mt-4 text-xl text-amber-200">
          {factor.mean >= 1 ? `${factor.mean.toFixed(1)}× lower mean, ${factor.worst.toFixed(1)}× lower worst` : "the careless draw happened to do as well this time"}
        </p>
        <p className="mt-1 text-base text-slate-400" data-testid="demo-quality-basis">
          Placed figures {basis}; careless figures estimated from the latency model (nothing runs there).
          {notes.length > 0 && ` ${notes.join("; ")}.`}
        </p>
      </div>
    );
  }
  if (panel.kind === "list") {
    return (
      <div className="pointer-events-auto max-h-[calc(100vh-22rem)] w-[min(36rem,90vw)] overflow-y-auto rounded-2xl border border-panel-edge bg-panel/90 p-5 shadow-2xl">
        <p className="text-3xl font-semibold text-white">{panel.title}</p>
        {/* Two columns once the list is long, so it stays clear of the caption at 1280×720. */}
        <ul className={`mt-3 gap-x-6 gap-y-1 text-lg text-slate-200 ${panel.items.length > 6 ? "grid grid-cols-2" : "space-y-1"}`}>
          {panel.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {panel.note && <p className="mt-3 text-base text-slate-400">{panel.note}</p>}
      </div>
    );
  }
  return (
    <div className="pointer-events-auto flex flex-wrap gap-4">
      {panel.items.map((item) => (
        <div key={item.label} className="rounded-2xl border border-panel-edge bg-panel/90 px-6 py-4 shadow-2xl">
          <p className={`text-6xl font-bold tabular-nums ${TONES[item.tone ?? "plain"]}`}>{item.value}</p>
          <p className="text-xl text-slate-300">{item.label}</p>
        </div>
      ))}
      {panel.note && <p className="w-full text-lg text-slate-300">{panel.note}</p>}
    </div>
  );
}
