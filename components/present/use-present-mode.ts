"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo } from "react";
import { presentKeyAction, stepScene } from "./present-keys";
import { isEmbedded, presentSearch, readPresent, type PresentState } from "./present-url";

export type PresentMode = PresentState & {
  /** Framed by a guided tour, which shows its own title, figures and captions. */
  embedded: boolean;
  sceneCount: number;
  enter: () => void;
  leave: () => void;
  go: (scene: number) => void;
};

/**
 * Moves the URL to a state. Next's router follows history calls made with a state of our own (not
 * the router's, which it would take for its own and ignore), so every reader of the URL updates.
 */
export function writePresent(state: PresentState | null, push = false): void {
  const { pathname, search, hash } = window.location;
  const next = `${pathname}${presentSearch(search, state)}${hash}`;
  if (next === `${pathname}${search}${hash}`) return;
  if (push) window.history.pushState(null, "", next);
  else window.history.replaceState(null, "", next);
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable='true']") !== null;
}

/**
 * Presentation mode of a page, read from the URL (`?present=1&scene=n`), with its keys: → next
 * scene, ← back, Esc leaves. The keys are caught before the page's own (capture phase), so Esc
 * does not also close a panel and the arrows do not also pan a focused map.
 */
export function usePresentMode(sceneCount: number): PresentMode {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const { on, scene } = readPresent(searchParams, sceneCount);
  const embedded = isEmbedded(searchParams);

  const go = useCallback((next: number) => writePresent({ on: true, scene: next }), []);
  const enter = useCallback(() => writePresent({ on: true, scene: 0 }, true), []);
  const leave = useCallback(() => writePresent(null), []);

  useEffect(() => {
    if (!on) return;
    function onKeyDown(e: KeyboardEvent) {
      const action = presentKeyAction(e, isTyping(e.target));
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      if (action === "leave") writePresent(null);
      else writePresent({ on: true, scene: stepScene(scene, sceneCount, action) });
    }
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
  }, [on, scene, sceneCount, pathname]);

  return useMemo(() => ({ on, scene, sceneCount, embedded, enter, leave, go }), [on, scene, sceneCount, embedded, enter, leave, go]);
}
