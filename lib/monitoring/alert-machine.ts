/**
 * One rule's state for one VM, as Prometheus keeps it: `ok` → `pending` when the condition
 * starts to hold → `firing` once it has held for `forSeconds` → `ok` again (a `resolved` event)
 * when it stops. A pending condition that stops holding goes back to ok without an event. Pure.
 */

import type { AlertOp } from "@/lib/core/metrics";

export type AlertPhase = "ok" | "pending" | "firing";

export interface AlertPosition {
  phase: AlertPhase;
  /** Epoch ms when the phase began. */
  since: number;
}

export interface AlertInput {
  /** The aggregated value over the rule's window, or null when the VM sent nothing in it. */
  value: number | null;
  op: AlertOp;
  threshold: number;
  forMs: number;
  now: number;
}

export interface AlertStep {
  next: AlertPosition;
  event: "firing" | "resolved" | null;
}

export function compare(value: number, op: AlertOp, threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case "<":
      return value < threshold;
    case ">=":
      return value >= threshold;
    case "<=":
      return value <= threshold;
  }
}

/**
 * No data counts as "not met": a VM that stops reporting (suspended, gone) resolves its alerts
 * rather than firing forever on a stale value.
 */
export function advance(prev: AlertPosition, input: AlertInput): AlertStep {
  const met = input.value !== null && compare(input.value, input.op, input.threshold);
  const { now } = input;
  if (!met) {
    return prev.phase === "firing" ? { next: { phase: "ok", since: now }, event: "resolved" } : { next: prev.phase === "ok" ? prev : { phase: "ok", since: now }, event: null };
  }
  if (prev.phase === "firing") return { next: prev, event: null };
  const pendingSince = prev.phase === "pending" ? prev.since : now;
  if (now - pendingSince >= input.forMs) return { next: { phase: "firing", since: now }, event: "firing" };
  return { next: { phase: "pending", since: pendingSince }, event: null };
}
