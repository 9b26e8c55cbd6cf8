"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
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
    queryFn: ({ signal }) => fetchJson<AlertEventView[]>(eventsUrl(params), signal),
    staleTime: 0,
    refetchInterval: options.pollMs ?? EVENTS_POLL_MS,
  });
}

/** Alert rules with the VMs each fires or is pending for now. */
export function useAlertRules(options: { pollMs?: number | false } = {}) {
  return useQuery({
    queryKey: alertKeys.rules,
    queryFn: ({ signal }) => fetchJson<AlertRuleView[]>("/api/v1/alerts/rules", signal),
    staleTime: 0,
    refetchInterval: options.pollMs ?? RULES_POLL_MS,
  });
}

/** How many (rule, VM) pairs fire now. */
export function firingCount(rules: readonly AlertRuleView[] | undefined): number {
  return (rules ?? []).reduce((n, r) => n + r.firing.length, 0);
}
