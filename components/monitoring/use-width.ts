"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The width of an element in CSS pixels, rounded down to `quantum` so a chart refetches at a new
 * resolution only when its width really changed; 0 until it is laid out.
 */
export function useWidth<T extends HTMLElement>(quantum = 40) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width / quantum) * quantum));
    observer.observe(element);
    return () => observer.disconnect();
  }, [quantum]);
  return [ref, width] as const;
}
