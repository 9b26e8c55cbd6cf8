"use client";

import { useSyncExternalStore } from "react";
import { TYPE } from "./present-type";
import { formatElapsed, type DeploymentSpan } from "./deployment-clock";

function subscribeSeconds(onTick: () => void): () => void {
  const timer = setInterval(onTick, 1000);
  return () => clearInterval(timer);
}
const nowToTheSecond = () => Math.floor(Date.now() / 1000) * 1000;
const noServerTime = () => null;

/** Now, to the second and refreshed each second; null on the server, so its render and the browser's agree. */
function useNow(): number | null {
  return useSyncExternalStore(subscribeSeconds, nowToTheSecond, noServerTime);
}

type Props = {
  /** A deployment to time, or null for the wall clock. */
  span: DeploymentSpan | null;
  /** What the clock times, e.g. the MCI's name. */
  label: string;
};

/** The deployment's clock: elapsed since it started, stopped when it ended; the wall clock when there is none. */
export function PresentClock({ span, label }: Props) {
  const now = useNow();
  const text = now === null ? "–:––" : span ? formatElapsed((span.endedAt ?? now) - span.startedAt) : new Date(now).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  const state = !span ? "wall" : span.endedAt === null ? "running" : "stopped";
  return (
    <div data-testid="present-clock" data-state={state} className="shrink-0 text-right">
      <p className={`${TYPE.label} text-slate-300`}>
        {!span ? "Local time" : state === "running" ? `Deploying ${label}` : `${label} deployed in`}
      </p>
      <p className={`${TYPE.value} font-semibold tabular-nums ${state === "running" ? "text-sky-300" : state === "stopped" ? "text-emerald-300" : "text-white"}`}>
        {state === "running" && <span aria-hidden className="mr-[0.3em] inline-block h-[0.35em] w-[0.35em] animate-pulse rounded-full bg-sky-300 align-middle" />}
        {text}
      </p>
    </div>
  );
}
