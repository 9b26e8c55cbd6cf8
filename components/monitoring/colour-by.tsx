"use client";

import { Segmented } from "@/components/ui/segmented";
import type { MetricName } from "@/lib/core/metrics";

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

const OPTIONS: readonly { id: ColourBy; label: string }[] = [{ id: "status", label: "Status" }, ...HEAT_METRICS.map((h) => ({ id: h.metric, label: h.label }))];

export function ColourBySwitch({ value, onChange }: { value: ColourBy; onChange: (c: ColourBy) => void }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span className="font-semibold text-white">Colour by</span>
      <Segmented label="Colour the map by" value={value} options={OPTIONS} onChange={onChange} compact />
    </span>
  );
}
