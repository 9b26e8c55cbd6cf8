"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { cleanUpNamespace, type CleanupState } from "./cleanup";
import { demoNamespace } from "./demo-namespace";
import { initialTour, stepToWork, tourReducer } from "./tour-machine";
import type { StageView, StepWork, TourMemory } from "./tour-runtime";
import type { TourInfo } from "./tours";

export interface TourOptions {
  autoplay: boolean;
  /** How long each step stays on screen once its work is over. */
  dwellMs: number;
}

/**
 * Runs a tour: the machine's state, each step's work launched once, a tick for the dwell, and the
 * cleanup of its namespace once the tour has finished or stopped (it runs after demo-finished shows).
 */
export function useTour(info: TourInfo, work: StepWork[], options: TourOptions) {
  const [state, dispatch] = useReducer(tourReducer, info.steps.length, initialTour);
  const [views, setViews] = useState<StageView[]>(() => info.steps.map(() => ({ frame: null, panel: null })));
  const [cleanup, setCleanup] = useState<{ state: CleanupState; words: string }>({ state: "idle", words: "" });
  const memory = useRef<TourMemory | null>(null);
  const [namespace, setNamespace] = useState<string | null>(null);
  const launched = useRef(new Set<number>());
  const abort = useRef<AbortController | null>(null);
  const dwell = useRef(options.dwellMs);

  useEffect(() => {
    abort.current = new AbortController();
    const controller = abort.current;
    return () => controller.abort(new DOMException("the tour was left", "AbortError"));
  }, []);

  const start = useCallback(() => {
    if (!memory.current) {
      memory.current = { namespace: demoNamespace(info.id, new Date()), mciId: null };
      setNamespace(memory.current.namespace);
    }
    dispatch({ type: "start", at: Date.now() });
  }, [info.id]);
  const phase = state.phase;
  const toggle = useCallback(() => (phase === "idle" ? start() : dispatch(phase === "playing" ? { type: "pause" } : { type: "resume", at: Date.now() })), [phase, start]);
  const next = useCallback(() => (phase === "idle" ? start() : dispatch({ type: "next", at: Date.now() })), [phase, start]);
  const back = useCallback(() => dispatch({ type: "back" }), []);

  useEffect(() => {
    if (options.autoplay) start();
  }, [options.autoplay, start]);

  useEffect(() => {
    const id = setInterval(() => dispatch({ type: "tick", at: Date.now() }), 250);
    return () => clearInterval(id);
  }, []);

  useEffect(() => {
    const i = stepToWork(state);
    if (i === null || launched.current.has(i) || !memory.current || !abort.current) return;
    launched.current.add(i);
    const signal = abort.current.signal;
    const show = (view: Partial<StageView>) => setViews((vs) => vs.map((v, j) => (j === i ? { ...v, ...view } : v)));
    const tools = { memory: memory.current, signal, show, progress: (detail: string) => dispatch({ type: "progress", step: i, detail }) };
    work[i](tools)
      .then((o) => dispatch({ type: "work-done", step: i, ok: o.ok, fatal: o.fatal, detail: o.detail, at: Date.now(), dwellMs: dwell.current }))
      .catch((e: unknown) => {
        if (signal.aborted) return;
        // A step that threw made nothing the next one can build on: the tour stops (and cleans up).
        dispatch({ type: "work-done", step: i, ok: false, fatal: true, detail: e instanceof Error ? e.message : String(e), at: Date.now(), dwellMs: 0 });
      });
  }, [state, work]);

  // Cleanup once the tour is over; it does not hold up the finish, it shows its progress after it.
  const over = state.phase === "finished" || state.phase === "stopped";
  useEffect(() => {
    const m = memory.current;
    if (!over || !m?.namespaceMade || cleanup.state !== "idle" || !abort.current) return;
    setCleanup({ state: "working", words: "cleaning up" });
    cleanUpNamespace(m.namespace, (words) => setCleanup({ state: "working", words }), abort.current.signal)
      .then(() => setCleanup((c) => ({ state: "done", words: c.words })))
      .catch((e: unknown) => setCleanup({ state: "failed", words: `${e instanceof Error ? e.message : String(e)}; the namespace stays, listed on /demo with a Clean up button` }));
  }, [over, cleanup.state]);

  return { state, views, cleanup, namespace, start, toggle, next, back };
}
