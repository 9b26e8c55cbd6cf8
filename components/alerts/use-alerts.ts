"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiError } from "@/components/mci/use-mci";
import type { AlertEventView, AlertRuleView } from "@/lib/validation/monitoring";

export const EVENTS_POLL_MS = 5_000;
export const RULES_POLL_MS = 10_000;

export type AlertEventsParams = {
  mci?: string;
  ruleId?: string;
  vm?: string;
  state?: AlertEventView["state"];
  limit?: number;
};

export const alertKeys = {
  all: ["alerts"] as const,
  rules: ["alerts", "rules"] as const,
  events: (params: AlertEventsParams) => ["alerts", "events", params] as const,
};

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new ApiError("The Barista server did not answer. Check that it is running; the page retries by itself.", 0);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(body?.error ?? `The server answered ${res.status} ${res.statusText}.`, res.status);
  }
  return (await res.json()) as T;
}

/** `?mci=…&state=…` with the empty parameters left out. */
export function eventsUrl(params: AlertEventsParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const q = search.toString();
  return q ? `/api/v1/alerts/events?${q}` : "/api/v1/alerts/events";
}

/** Alert events, newest first, polled every 5 s. */
export function useAlertEvents(params: AlertEventsParams = {}, options: { pollMs?: number | false } = {}) {
  return useQuery({
    queryKey: alertKeys.events(params),
    queryFn: ({ signal }) => getJson<AlertEventView[]>(eventsUrl(params), signal),
    staleTime: 0,
    refetchInterval: options.pollMs ?? EVENTS_POLL_MS,
  });
}

/** Alert rules with the VMs each fires or is pending for now. */
export function useAlertRules(options: { pollMs?: number | false } = {}) {
  return useQuery({
    queryKey: alertKeys.rules,
    queryFn: ({ signal }) => getJson<AlertRuleView[]>("/api/v1/alerts/rules", signal),
    staleTime: 0,
    refetchInterval: options.pollMs ?? RULES_POLL_MS,
  });
}

/** How many (rule, VM) pairs fire now. */
export function firingCount(rules: readonly AlertRuleView[] | undefined): number {
  return (rules ?? []).reduce((n, r) => n + r.firing.length, 0);
}
