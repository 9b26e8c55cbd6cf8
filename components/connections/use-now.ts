"use client";

import { useSyncExternalStore } from "react";

// One shared ticking clock for every "… ago" on the page; 0 until the browser has mounted, so the
// server's HTML and the first client render agree.
let now = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  now = Date.now();
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(tick, 10_000);
    queueMicrotask(tick);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getSnapshot = () => now;
const getServerSnapshot = () => 0;

/** The current time in ms, refreshed every 10 s; 0 during server rendering and hydration. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

/** Ticks the shared clock now, e.g. right after an answer arrived, so it never reads "in the future". */
export function refreshNow(): void {
  tick();
}
