"use client";

import { formatMs } from "@/components/map/format";
import { LATENCY_SCALE_MAX_MS, LATENCY_STOPS, latencyColour } from "@/lib/core/palette";
import { OBJECTIVE_TEXT, type PlacementAnswer } from "./placement-format";

const GRADIENT = `linear-gradient(to right, ${LATENCY_STOPS.map((s) => `${s.colour} ${(s.ms / LATENCY_SCALE_MAX_MS) * 100}%`).join(", ")})`;

/**
 * The story in big type: the engine's figure against what CB-Tumblebug's own rules (centroid,
 * nearest) and a random pick give the same audience.
 */
export function BaselineCard({ answer, stale }: { answer: PlacementAnswer; stale: boolean }) {
  const rows = [
    { id: "optimal", label: answer.solver.optimal ? "Optimal" : "Best found", ms: answer.objectiveMs, regions: answer.regions },
    { id: "centroid", label: "Tumblebug centroid", ms: answer.baselines.centroid.objectiveMs, regions: answer.baselines.centroid.regions },
    { id: "nearest", label: "Tumblebug nearest", ms: answer.baselines.nearest.objectiveMs, regions: answer.baselines.nearest.regions },
    { id: "random", label: "Random", ms: answer.baselines.random.objectiveMs, regions: answer.baselines.random.regions },
  ];
  const ratio = answer.objectiveMs > 0 ? answer.baselines.random.objectiveMs / answer.objectiveMs : null;
  return (
    <div
      data-testid="baseline-card"
      className={`pointer-events-auto absolute bottom-6 left-3 z-[1001] w-[40rem] max-w-[calc(100vw-40rem)] rounded-xl border border-panel-edge bg-panel/95 px-5 py-4 shadow-2xl backdrop-blur ${stale ? "opacity-60" : ""}`}
    >
      <p className="text-[0.95rem] text-slate-300">
        {OBJECTIVE_TEXT[answer.objective].figure} of this audience, <span className="text-slate-400">user → region RTTs estimated</span>
        {stale && <span className="ml-2 font-semibold text-amber-300">audience changed: run again</span>}
      </p>
      <div className="mt-2 grid grid-cols-4 gap-3">
        {rows.map((r) => (
          <div key={r.id} data-testid={`figure-${r.id}`} data-ms={r.ms} title={r.regions.join(", ")} className={r.id === "optimal" ? "" : "opacity-90"}>
            <p className={`text-sm ${r.id === "optimal" ? "font-semibold text-white" : "text-slate-400"}`}>{r.label}</p>
            <p className={`font-semibold tabular-nums leading-tight ${r.id === "optimal" ? "text-5xl" : "text-4xl"}`} style={{ color: latencyColour(r.ms) }}>
              {formatMs(r.ms).replace(" ms", "")}
              <span className="ml-1 text-lg text-slate-400">ms</span>
            </p>
          </div>
        ))}
      </div>
      {ratio !== null && ratio > 1.05 && (
        <p className="mt-1 text-base text-slate-200">
          <strong className="text-emerald-300">{ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}×</strong> better than a random choice of {answer.regions.length} regions.
        </p>
      )}
      <div className="mt-3 flex items-center gap-3 text-sm text-slate-300">
        <span>lines: user → region RTT</span>
        <div className="h-2.5 flex-1 rounded-full" style={{ background: GRADIENT }} />
        <span className="tabular-nums">0 – 300+ ms</span>
      </div>
    </div>
  );
}
