"use client";

import { METRIC_NAMES, type MetricName } from "@/lib/core/metrics";
import { METRIC_META } from "./metric-meta";

/** A metric picker labelled the console's way, with CB-Dragonfly's name beside it. */
export function MetricSelect({ value, onChange, label = "Metric" }: { value: MetricName; onChange: (m: MetricName) => void; label?: string }) {
  return (
    <label className="flex items-center gap-2 text-[0.95rem] text-slate-300">
      {label}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as MetricName)}
        className="rounded-md border border-panel-edge bg-sea px-2 py-1 text-white"
      >
        {METRIC_NAMES.map((m) => (
          <option key={m} value={m}>
            {METRIC_META[m].label} ({m})
          </option>
        ))}
      </select>
    </label>
  );
}
