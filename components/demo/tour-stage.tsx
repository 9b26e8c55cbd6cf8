"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { globalScaleSteps } from "./global-scale-script";
import { StagePanelView } from "./stage-panel";
import { elapsedSeconds, formatClock } from "./tour-machine";
import { tourById, type TourId } from "./tours";
import { useTour } from "./use-tour";
import { videoConferenceSteps } from "./video-conference-script";

const STEP_DOT = {
  pending: "bg-slate-600",
  working: "bg-sky-400 animate-pulse",
  ready: "bg-sky-300",
  done: "bg-emerald-400",
  failed: "bg-rose-400",
} as const;

/** How long a step's work took, for a recording's log (empty while it works). */
function workMs(step: { startedAt: number | null; endedAt: number | null }): number | undefined {
  return step.startedAt !== null && step.endedAt !== null ? step.endedAt - step.startedAt : undefined;
}

/** `?dwell=<seconds>`: how long a step stays once its work is over (default 5). */
function dwellFrom(value: string | null): number {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 60 && value !== null && value !== "" ? n * 1000 : 5000;
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, []);
  return now;
}

/**
 * The tour's stage: full screen, the real console page of the step in a frame, the caption of what
 * the audience sees, step dots, the clock, and the controls (Space start/pause, → next, ← back, Esc leaves).
 */
export function TourStage({ tourId }: { tourId: TourId }) {
  const info = tourById(tourId)!;
  const router = useRouter();
  const params = useSearchParams();
  const autoplay = params.get("autoplay") === "1";
  const work = useMemo(() => (tourId === "video-conference" ? videoConferenceSteps() : globalScaleSteps()), [tourId]);
  const tour = useTour(info, work, { autoplay, dwellMs: dwellFrom(params.get("dwell")) });
  const { state, views, cleanup } = tour;
  const now = useNow();
  const step = info.steps[state.current];
  const status = state.steps[state.current];
  // Until a step has its own page (an MCI is still being created), the page before it stays on screen.
  const frame = views
    .slice(0, state.current + 1)
    .map((v) => v.frame)
    .findLast((f) => f !== null) ?? null;
  const view = views[state.current];
  const over = state.phase === "finished" || state.phase === "stopped";

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "ArrowRight") tour.next();
      else if (e.key === "ArrowLeft") tour.back();
      else if (e.key === " ") tour.toggle();
      else if (e.key === "Escape") router.push("/demo");
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [tour, router]);

  return (
    <div data-testid="demo-stage" data-tour={tourId} data-phase={state.phase} className="fixed inset-0 overflow-hidden bg-sea text-slate-100">
      {frame ? (
        <iframe
          key={frame}
          src={frame}
          title={step.title}
          data-testid="demo-frame"
          // Lets a recording or a test wait until the page has loaded before it looks.
          onLoad={(e) => e.currentTarget.setAttribute("data-loaded", "true")}
          className="absolute inset-0 h-full w-full border-0"
        />
      ) : (
        <div className="absolute inset-0 flex items-center justify-center text-3xl text-slate-500">{state.phase === "idle" ? info.title : "…"}</div>
      )}

      <div className="pointer-events-none absolute inset-x-0 top-0 z-10 flex items-start justify-between gap-6 p-6">
        <div className="rounded-xl bg-panel/85 px-4 py-2 shadow-xl">
          <p className="text-lg text-slate-400">{info.title}</p>
          <p className="text-2xl font-semibold text-white">
            {state.current + 1}/{info.steps.length} · {step.title}
          </p>
        </div>
        <p data-testid="demo-clock" className="rounded-xl bg-panel/85 px-5 py-2 text-5xl font-bold tabular-nums text-white shadow-xl" aria-label="Time since the tour started">
          {formatClock(elapsedSeconds(state, now))}
        </p>
      </div>

      {view.panel && (
        <div className="pointer-events-none absolute inset-x-0 top-28 z-10 flex justify-end px-6">
          <StagePanelView panel={view.panel} />
        </div>
      )}

      <div className="absolute inset-x-0 bottom-0 z-10 bg-gradient-to-t from-black/90 via-black/75 to-transparent px-8 pb-6 pt-16">
        <p data-testid="demo-caption" className="max-w-6xl text-3xl font-semibold leading-snug text-white">
          {step.caption}
        </p>
        <p data-testid="demo-detail" className={`mt-2 min-h-8 max-w-6xl text-2xl ${status.state === "failed" ? "text-rose-300" : "text-sky-200"}`}>
          {status.detail ?? (status.state === "working" ? "…" : "")}
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-6">
          <ol className="flex items-center gap-3" aria-label="Steps">
            {info.steps.map((s, i) => (
              <li
                key={s.id}
                data-testid="demo-step"
                data-step={i}
                data-state={state.steps[i].state}
                data-work-ms={workMs(state.steps[i])}
                data-detail={state.steps[i].detail ?? undefined}
                aria-current={i === state.current ? "step" : undefined} title={`${i + 1}. ${s.title}: ${state.steps[i].state}`}>
                <span className={`block h-4 w-4 rounded-full ${STEP_DOT[state.steps[i].state]} ${i === state.current ? "ring-4 ring-white/60" : ""}`} />
              </li>
            ))}
          </ol>
          <div className="flex items-center gap-2 text-lg">
            <button type="button" onClick={tour.back} className="rounded-lg border border-slate-500 px-3 py-1 hover:bg-white/10" aria-label="Back (←)">
              ←
            </button>
            <button type="button" data-testid="demo-toggle" onClick={tour.toggle} disabled={over} className="rounded-lg bg-sky-500 px-4 py-1 font-semibold text-slate-950 hover:bg-sky-400 disabled:opacity-40">
              {state.phase === "idle" ? "Start" : state.phase === "playing" ? "Pause" : "Play"}
            </button>
            <button type="button" onClick={tour.next} className="rounded-lg border border-slate-500 px-3 py-1 hover:bg-white/10" aria-label="Next (→)">
              →
            </button>
            <button type="button" onClick={() => router.push("/demo")} className="ml-2 rounded-lg px-3 py-1 text-slate-300 hover:bg-white/10">
              Esc: leave
            </button>
          </div>
          {over && (
            <div data-testid={state.phase === "finished" ? "demo-finished" : "demo-stopped"} className="ml-auto rounded-xl bg-panel/90 px-4 py-2 text-xl">
              <span className={state.phase === "finished" ? "text-emerald-300" : "text-rose-300"}>
                {state.phase === "finished" ? `Tour finished in ${formatClock(elapsedSeconds(state, now))}` : "The tour stopped"}
              </span>
              <span data-testid="demo-cleanup" data-state={cleanup.state} className="ml-3 text-slate-300">
                {cleanup.state === "idle" ? "" : cleanup.state === "done" ? `Cleaned up: ${cleanup.words}` : `Cleanup: ${cleanup.words}`}
              </span>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
