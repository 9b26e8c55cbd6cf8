"use client";

import { useState } from "react";

/**
 * `value` as it was when `signature` last changed: a poll that rebuilds equal data keeps the old
 * reference, so memoized layers downstream do not redraw.
 */
export function useStable<T>(value: T, signature: string): T {
  const [kept, setKept] = useState({ value, signature });
  if (kept.signature !== signature) {
    setKept({ value, signature });
    return value;
  }
  return kept.value;
}
