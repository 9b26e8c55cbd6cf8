"use client";

import { useCallback, useEffect, useRef, type RefObject } from "react";
import { formatAt, withQuery, type MapView } from "./map-url";

/** Writes the map position to the URL once panning stops (moveend fires often while the user pans). */
export function useViewInUrl(): (view: MapView) => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback((view: MapView) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => window.history.replaceState(window.history.state, "", withQuery({ at: formatAt(view) })), 400);
  }, []);
}

/** `/` focuses the search box (unless the user is typing); `Esc` calls onEscape when given. */
export function useMapKeys(search: RefObject<HTMLInputElement | null>, onEscape?: () => void): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const typing = e.target instanceof HTMLElement && e.target.closest("input, textarea, select, [contenteditable='true']");
      if (e.key === "/" && !typing && !e.metaKey && !e.ctrlKey && !e.altKey) {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === "Escape" && !e.defaultPrevented) {
        onEscape?.();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [search, onEscape]);
}
