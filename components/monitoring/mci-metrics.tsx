"use client";

import { useMemo, useState } from "react";
import type { MetricName } from "@/lib/core/metrics";
import { ChartCard, type ChartSource } from "./chart-card";
import { AVG_COLOUR, lineColour, MAX_COLOUR } from "./line-colours";
import { METRIC_META } from "./metric-meta";
import { MetricSelect } from "./metric-select";
import { RangePicker } from "./range-picker";
import type { ChartRange, RangeId } from "./ranges";

type Mode = "summary" | "busiest";

/** One line per VM for at most this many VMs: beyond it a chart is a tangle. */
export const BUSIEST_VMS = 8;

type Props = {
  mciId: string;
  range: ChartRange;
  onRange: (id: RangeId) => void;
  metric: MetricName;
  onMetric: (m: MetricName) => void;
};

/** The MCI's metrics: average and max over its VMs, or its busiest VMs one line each. */
export function MciMetrics({ mciId, range, onRange, metric, onMetric }: Props) {
  const [mode, setMode] = useState<Mode>("summary");
  const meta = METRIC_META[metric];

  const sources = useMemo<ChartSource[]>(
    () =>
      mode === "summary"
        ? [
            {
              request: { mci: mciId, metric, combine: "avg", agg: "avg" },
              series: (a) => a.series.map((s) => ({ key: "avg", label: `average of ${s.vms ?? 0} VMs`, colour: AVG_COLOUR, points: s.points })),
            },
            {
              request: { mci: mciId, metric, combine: "max", agg: "max" },
              series: (a) => a.series.map((s) => ({ key: "max", label: "highest VM", colour: MAX_COLOUR, points: s.points, dashed: true })),
            },
          ]
        : [
            {
              request: { mci: mciId, metric, top: BUSIEST_VMS },
              series: (a) => a.series.map((s, i) => ({ key: s.vm ?? String(i), label: s.name ?? s.vm ?? "?", colour: lineColour(i), points: s.points })),
            },
          ],
    [mode, mciId, metric],
  );

  return (
    <div data-testid="mci-metrics" className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <MetricSelect value={metric} onChange={onMetric} />
        <RangePicker value={range.id} onChange={onRange} />
      </div>
      <div role="radiogroup" aria-label="Lines" className="mt-3 flex gap-4 text-[0.95rem] text-slate-200">
        {(
          [
            ["summary", "Average and max"],
            ["busiest", `Busiest ${BUSIEST_VMS} VMs`],
          ] as const
        ).map(([m, label]) => (
          <label key={m} className="flex cursor-pointer items-center gap-1.5">
            <input type="radio" name="mci-chart-mode" checked={mode === m} onChange={() => setMode(m)} className="accent-sky-400" />
            {label}
          </label>
        ))}
      </div>
      <div className="mt-3">
        <ChartCard
          testId="mci-chart"
          title={meta.label}
          caption={mode === "summary" ? `${metric}, over the MCI's VMs` : `${metric}, highest mean over ${range.label}`}
          unit={meta.unit}
          range={range}
          sources={sources}
          height={250}
          emptyText={`No samples in the last ${range.label}: VMs report while they are Running.`}
        />
      </div>
      <p className="mt-3 text-sm text-slate-400">
        Every VM reports every 10 s; charts read 1-minute and 1-hour rollups for long ranges and keep about one point per pixel (LTTB), so
        peaks stay visible. They refresh by themselves.
      </p>
    </div>
  );
}
