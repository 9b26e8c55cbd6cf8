"use client";

import type { MetricName } from "@/lib/drivers/types";

/** What the MCI map can colour its regions by: status, or the heat of a utilisation metric. */
export const HEAT_METRICS = [
  { metric: "cpu_utilization", label: "CPU", noun: "CPU" },
  { metric: "mem_utilization", label: "Memory", noun: "memory use" },
  { metric: "disk_utilization", label: "Disk", noun: "disk use" },
] as const satisfies readonly { metric: MetricName; label: string; noun: string }[];

export type ColourBy = "status" | (typeof HEAT_METRICS)[number]["metric"];

export function parseColourBy(value: string | null): ColourBy {
  return HEAT_METRICS.find((h) => h.metric === value)?.metric ?? "status";
}

export function ColourBySwitch({ value, onChange }: { value: ColourBy; onChange: (c: ColourBy) => void }) {
  const options: { id: ColourBy; label: string }[] = [{ id: "status", label: "Status" }, ...HEAT_METRICS.map((h) => ({ id: h.metric, label: h.label }))];
  return (
    <div role="radiogroup" aria-label="Colour the map by" className="inline-flex items-center gap-2">
      <span className="font-semibold text-white">Colour by</span>
      <span className="inline-flex overflow-hidden rounded-md ring-1 ring-panel-edge">
        {options.map((o) => (
          <button
            key={o.id}
            type="button"
            role="radio"
            aria-checked={value === o.id}
            onClick={() => onChange(o.id)}
            className={`px-2 py-0.5 ${value === o.id ? "bg-sky-500/25 font-semibold text-white" : "text-slate-300 hover:bg-slate-700/60"}`}
          >
            {o.label}
          </button>
        ))}
      </span>
    </div>
  );
}
