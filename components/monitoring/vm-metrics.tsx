"use client";

import { useMemo } from "react";
import type { MetricName } from "@/lib/core/metrics";
import { ChartCard, type ChartSource } from "./chart-card";
import { AVG_COLOUR, MAX_COLOUR } from "./line-colours";
import { METRIC_META, type MetricUnit } from "./metric-meta";
import { RangePicker } from "./range-picker";
import type { ChartRange, RangeId } from "./ranges";

type Panel = { id: string; title: string; unit: MetricUnit; metrics: readonly MetricName[] };

const PANELS: readonly Panel[] = [
  { id: "cpu", title: "CPU", unit: "%", metrics: ["cpu_utilization"] },
  { id: "mem", title: "Memory", unit: "%", metrics: ["mem_utilization"] },
  { id: "disk", title: "Disk used", unit: "%", metrics: ["disk_utilization"] },
  { id: "net", title: "Network", unit: "B/s", metrics: ["bytes_in", "bytes_out"] },
  { id: "io", title: "Disk I/O", unit: "KB/s", metrics: ["kb_read", "kb_written"] },
];
const COLOURS = [AVG_COLOUR, MAX_COLOUR];

function sourcesFor(vmId: string, panel: Panel): ChartSource[] {
  return panel.metrics.map((metric, i) => ({
    request: { vm: vmId, metric },
    series: (a) => a.series.map((s) => ({ key: metric, label: METRIC_META[metric].label, colour: COLOURS[i], points: s.points })),
  }));
}

/** A VM's charts: CPU, memory and disk in percent, network and disk I/O as rates, over one range. */
export function VmMetrics({ vmId, range, onRange, reporting }: { vmId: string; range: ChartRange; onRange: (id: RangeId) => void; reporting: boolean }) {
  const panels = useMemo(() => PANELS.map((p) => ({ ...p, sources: sourcesFor(vmId, p) })), [vmId]);
  return (
    <section aria-label="Metrics" data-testid="vm-metrics">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-base font-semibold text-white">Metrics</h3>
        <RangePicker value={range.id} onChange={onRange} />
      </div>
      <div className="mt-2 grid gap-2">
        {panels.map((p) => (
          <ChartCard
            key={p.id}
            testId={`vm-chart-${p.id}`}
            title={p.title}
            unit={p.unit}
            range={range}
            sources={p.sources}
            height={130}
            emptyText={reporting ? `No samples in the last ${range.label} yet.` : `No samples in the last ${range.label}: the VM reports while it is Running.`}
          />
        ))}
      </div>
    </section>
  );
}
