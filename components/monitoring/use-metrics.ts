"use client";

import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { isAtRest } from "@/lib/core/lifecycle";
import { LATEST_WINDOW_MS, type Agg, type Combine, type MetricName } from "@/lib/core/metrics";
import type { VmStatus } from "@/lib/core/types";
import type { MetricsAnswer } from "@/lib/validation/monitoring";
import { latestValues } from "./series";
import type { ChartRange } from "./ranges";

export type MetricsRequest = {
  vm?: string;
  mci?: string;
  metric: MetricName;
  range: ChartRange;
  agg?: Agg;
  combine?: Combine;
  top?: number;
  /** About one point per pixel of the chart: the server downsamples with LTTB. */
  maxPoints: number;
};

function metricsUrl(r: MetricsRequest): string {
  const params = new URLSearchParams({ metric: r.metric, from: `now-${Math.round(r.range.ms / 60_000)}m`, agg: r.agg ?? "avg", maxPoints: String(r.maxPoints) });
  if (r.vm) params.set("vm", r.vm);
  if (r.mci) params.set("mci", r.mci);
  if (r.combine) params.set("combine", r.combine);
  if (r.top) params.set("top", String(r.top));
  return `/api/v1/metrics?${params}`;
}

/**
 * The query for one chart source, refreshed at the range's pace (every 10 s for the short ones) so
 * the chart moves live; the previous answer stays on screen while a new range loads.
 */
export function metricsQuery(request: MetricsRequest, enabled = true) {
  const url = metricsUrl(request);
  return queryOptions({
    queryKey: ["metrics", url],
    queryFn: ({ signal }) => fetchJson<MetricsAnswer>(url, signal),
    enabled: enabled && request.maxPoints >= 3,
    refetchInterval: request.range.refreshMs,
    placeholderData: keepPreviousData,
  });
}

const LATEST_MS = 10_000;

/**
 * What every VM of an MCI reports now for one metric (its newest 10 s sample within
 * LATEST_WINDOW_MS), refreshed every 10 s. A suspended or ended VM runs nothing now, whatever it
 * reported a minute ago, so `vms` (the MCI's, with their statuses) leaves it out at once.
 */
export function useLatestMetric(mci: string, metric: MetricName | null, vms: readonly { id: string; status: VmStatus }[]): ReadonlyMap<string, number> | undefined {
  const url = `/api/v1/metrics?${new URLSearchParams({ mci, metric: metric ?? "", from: `now-${LATEST_WINDOW_MS / 1000}s`, step: "10", agg: "avg" })}`;
  const { data } = useQuery({
    queryKey: ["metrics", "latest", url],
    queryFn: async ({ signal }) => latestValues((await fetchJson<MetricsAnswer>(url, signal)).series),
    enabled: metric !== null,
    refetchInterval: LATEST_MS,
    placeholderData: keepPreviousData,
  });
  return useMemo(() => {
    if (!data) return undefined;
    const running = new Set(vms.filter((v) => !isAtRest(v.status)).map((v) => v.id));
    return new Map([...data].filter(([id]) => running.has(id)));
  }, [data, vms]);
}
