"use client";

import { useEffect, useRef } from "react";
import { formatMs } from "@/components/map/format";
import type { MapRegion } from "@/components/map/use-catalogue";
import type { AudiencePoint } from "@/components/placement/audience";
import { OBJECTIVE_TEXT, type PlacementAnswer } from "@/components/placement/placement-format";
import { latencyColour } from "@/lib/core/palette";
import { plural } from "@/lib/core/plural";
import { PresentShell, ScenePanel } from "./present-shell";
import { TYPE } from "./present-type";
import type { PresentMode } from "./use-present-mode";

/** Placement's scenes, in order: the audience, the chosen regions, the comparison with the baselines. */
export const PLACEMENT_SCENES = 3;
const PANEL_SHARE = 0.5;

/** Whether the scene shows the answer (lines to the chosen regions) or only the audience. */
export function showsPlacement(mode: PresentMode): boolean {
  return !mode.on || mode.scene > 0;
}

/** What the placement map frames: the audience, then the audience with the regions chosen for it. */
export function placementFrame(mode: PresentMode, points: readonly AudiencePoint[], chosen: readonly { region: MapRegion }[]) {
  const audience = points.map((p): [number, number] => [p.lat, p.lon]);
  const regions = mode.scene > 0 ? chosen.map((c): [number, number] => [c.region.latitude, c.region.longitude]) : [];
  return {
    places: [...audience, ...regions],
    // The answer arriving moves the page's own fit (made for its panel); framing again puts it right.
    token: `${mode.scene}:${points.length}:${chosen.length}`,
    panelShare: mode.scene === 2 ? PANEL_SHARE : 0,
  };
}

/**
 * A presentation opened by a link (or a demo's frame) runs the placement once by itself, so the
 * audience sees the answer with nobody clicking Run.
 */
export function usePresentAutoRun(ready: boolean, run: () => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    run();
  }, [ready, run]);
}

type Props = { mode: PresentMode; points: readonly AudiencePoint[]; answer: PlacementAnswer | null; pending: boolean; error: string | null };

/** Placement presented: participants, the placed RTTs against a random pick, and the comparison in big type. */
export function PlacementPresentation({ mode, points, answer, pending, error }: Props) {
  const source = answer?.assignment.some((a) => a.source === "measured") ? "partly measured" : "estimated";
  const objective = answer ? OBJECTIVE_TEXT[answer.objective] : null;
  const waiting = pending ? "…" : "–";
  const ms = (value: number) => formatMs(value).replace(" ms", "");
  const figures = [
    { id: "participants", label: "Participants", value: points.length.toLocaleString("en-US") },
    { id: "mean", label: `Mean RTT, ${source}`, value: answer ? ms(answer.stats.meanMs) : waiting, unit: "ms", colour: answer ? latencyColour(answer.stats.meanMs) : undefined },
    { id: "worst", label: `Worst RTT, ${source}`, value: answer ? ms(answer.stats.maxMs) : waiting, unit: "ms", colour: answer ? latencyColour(answer.stats.maxMs) : undefined },
    ...(answer && answer.objective !== "mean"
      ? [{ id: "objective", label: `${objective!.label}, placed`, value: ms(answer.objectiveMs), unit: "ms", colour: latencyColour(answer.objectiveMs) }]
      : []),
    { id: "random", label: `${answer ? objective!.label : "Mean"}, random pick`, value: answer ? ms(answer.baselines.random.objectiveMs) : waiting, unit: "ms", colour: answer ? latencyColour(answer.baselines.random.objectiveMs) : undefined },
  ];
  const regions = answer ? plural(answer.regions.length, "region") : "the regions";
  const captions = [
    points.length === 0 ? "No participants yet: add them on the placement page, then present again" : `Where the ${plural(points.length, "participant")} are`,
    error ? `The placement failed: ${error}` : answer ? `The engine picks ${regions} that serve them best; each line is one participant's round trip` : "The engine is choosing the regions…",
    answer ? `Against a careless placement: ${objective!.figure}, ${source}` : "The comparison appears once the placement has run",
  ];
  return (
    <PresentShell mode={mode} title="Placement: the best clouds for this audience" figures={figures} clock={{ span: null, label: "" }} captions={captions}>
      {mode.scene === 2 && answer && <Comparison answer={answer} source={source} />}
    </PresentShell>
  );
}

function Comparison({ answer, source }: { answer: PlacementAnswer; source: string }) {
  const rows = [
    { id: "optimal", label: answer.solver.optimal ? "Barista, optimal" : "Barista, best found", ms: answer.objectiveMs },
    { id: "centroid", label: "Tumblebug centroid", ms: answer.baselines.centroid.objectiveMs },
    { id: "nearest", label: "Tumblebug nearest", ms: answer.baselines.nearest.objectiveMs },
    { id: "random", label: "Random pick", ms: answer.baselines.random.objectiveMs },
  ];
  const top = Math.max(1, ...rows.map((r) => r.ms));
  const ratio = answer.objectiveMs > 0 ? answer.baselines.random.objectiveMs / answer.objectiveMs : null;
  return (
    <ScenePanel testId="present-comparison" label="Comparison with the baselines">
      <p className={`${TYPE.label} text-slate-300`}>
        {OBJECTIVE_TEXT[answer.objective].figure}, {source}
      </p>
      <ul className="mt-[2vmin] space-y-[1.6vmin]">
        {rows.map((r) => (
          <li key={r.id} data-testid={`present-compare-${r.id}`} data-ms={r.ms}>
            <div className="flex items-baseline justify-between gap-4">
              <span className={`${TYPE.label} ${r.id === "optimal" ? "font-semibold text-white" : "text-slate-300"}`}>{r.label}</span>
              <span className={`${r.id === "optimal" ? TYPE.value : TYPE.unit} font-semibold tabular-nums leading-none`} style={{ color: latencyColour(r.ms) }}>
                {formatMs(r.ms)}
              </span>
            </div>
            <div className="mt-[0.6vmin] h-[1.2vmin] rounded-full bg-slate-800">
              <div className="h-full rounded-full" style={{ width: `${Math.max(1, (100 * r.ms) / top)}%`, backgroundColor: latencyColour(r.ms) }} />
            </div>
          </li>
        ))}
      </ul>
      {ratio !== null && ratio > 1.05 && (
        <p className={`${TYPE.caption} mt-[2.5vmin] font-semibold text-emerald-300`}>
          {ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}× better than a random pick
        </p>
      )}
    </ScenePanel>
  );
}
