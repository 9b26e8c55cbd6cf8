"use client";

import { useQueries } from "@tanstack/react-query";
import type { MetricsAnswer } from "@/lib/validation/monitoring";
import { MetricChart, type ChartSeries } from "./metric-chart";
import { formatMetric, type MetricUnit } from "./metric-meta";
import type { ChartRange } from "./ranges";
import { gapFor } from "./series";
import { metricsQuery, type MetricsRequest } from "./use-metrics";
import { useWidth } from "./use-width";

/** One request behind a chart and how its answer becomes lines. */
export type ChartSource = {
  request: Omit<MetricsRequest, "range" | "maxPoints">;
  series: (answer: MetricsAnswer) => ChartSeries[];
};

type Props = {
  title: string;
  unit: MetricUnit;
  range: ChartRange;
  sources: readonly ChartSource[];
  height?: number;
  testId?: string;
  /** A line under the title (what the lines are). */
  caption?: string;
  /** Said when no source has a single point in the range. */
  emptyText?: string;
};

// The y axis and margins take this much of the width; the rest is the plot, one point per pixel.
const AXIS_PX = 66;

/** A titled chart fed by one or more metric queries, with its legend, loading, error and empty states. */
export function ChartCard({ title, unit, range, sources, height = 190, testId, caption, emptyText }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const maxPoints = Math.max(3, width - AXIS_PX);
  const results = useQueries({ queries: sources.map((s) => metricsQuery({ ...s.request, range, maxPoints }, width > 0)) });
  const answers = results.map((r) => r.data);
  const first = answers.find((a): a is MetricsAnswer => Boolean(a));
  const error = results.find((r) => r.error)?.error;
  const series = results.flatMap((r, i) => (r.data ? sources[i].series(r.data) : []));
  const points = series.reduce((n, s) => n + s.points.length, 0);
  const last = series.reduce((t, s) => Math.max(t, s.points[s.points.length - 1]?.[0] ?? 0), 0);
  // While a new range loads the last answer stays up; the attributes say which range is on screen.
  const stale = results.some((r) => r.isPlaceholderData);
  const shownMs = first ? first.to - first.from : 0;
  const loading = results.some((r) => r.isPending) || stale;

  return (
    <figure
      data-testid={testId}
      data-range={range.id}
      data-shown-ms={stale ? undefined : shownMs}
      data-step={first?.step}
      data-points={points}
      data-series={series.length}
      data-last={last || undefined}
      className="rounded-lg border border-panel-edge bg-sea/50 px-3 pb-2 pt-2.5"
    >
      <figcaption className="mb-1 flex items-baseline gap-2">
        <span className="font-semibold text-white">{title}</span>
        {caption && <span className="truncate text-sm text-slate-400">{caption}</span>}
        {loading && first && <span className="ml-auto shrink-0 text-sm text-slate-400">loading {range.label}…</span>}
      </figcaption>
      <div ref={ref} style={{ height }} className="relative">
        {error && !first ? (
          <p role="alert" className="pt-6 text-center text-rose-200">
            {error.message}
          </p>
        ) : !first ? (
          <p className="pt-6 text-center text-slate-400">Loading {range.label} of samples…</p>
        ) : (
          <>
            {width > 0 && (
              <MetricChart unit={unit} range={range} from={first.from} to={first.to} gapMs={gapFor(first.step, first.to - first.from, maxPoints)} series={series} width={width} height={height} />
            )}
            {points === 0 && !loading && (
              <p className="pointer-events-none absolute inset-x-0 top-8 text-center text-slate-300">{emptyText ?? `No samples in the last ${range.label}.`}</p>
            )}
          </>
        )}
      </div>
      {series.length > 1 || (series.length === 1 && series[0].points.length > 0) ? (
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-sm">
          {series.map((s) => {
            const last = s.points[s.points.length - 1];
            return (
              <li key={s.key} className="flex items-center gap-1.5 text-slate-300">
                <span aria-hidden className="inline-block h-0.5 w-4" style={{ backgroundColor: s.colour, opacity: s.dashed ? 0.8 : 1 }} />
                <span className="max-w-[10rem] truncate">{s.label}</span>
                {last && <span className="font-mono tabular-nums text-white">{formatMetric(unit, last[1])}</span>}
              </li>
            );
          })}
        </ul>
      ) : null}
    </figure>
  );
}
