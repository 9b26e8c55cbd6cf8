import type { MetricName } from "@/lib/core/metrics";

export type MetricUnit = "%" | "B/s" | "KB/s";

/** How the console names and prints each metric (the names are CB-Dragonfly's). */
export const METRIC_META: Readonly<Record<MetricName, { label: string; unit: MetricUnit }>> = {
  cpu_utilization: { label: "CPU", unit: "%" },
  mem_utilization: { label: "Memory", unit: "%" },
  disk_utilization: { label: "Disk used", unit: "%" },
  bytes_in: { label: "Network in", unit: "B/s" },
  bytes_out: { label: "Network out", unit: "B/s" },
  kb_read: { label: "Disk read", unit: "KB/s" },
  kb_written: { label: "Disk write", unit: "KB/s" },
};

const BYTE_UNITS = ["B/s", "KB/s", "MB/s", "GB/s"];

/** `37.5 %`, `1.2 MB/s`, `830 KB/s`: three significant figures at most, units scaled by 1,000. */
export function formatMetric(unit: MetricUnit, value: number): string {
  if (unit === "%") return `${value < 10 ? value.toFixed(1) : Math.round(value)} %`;
  let scaled = value;
  let i = unit === "KB/s" ? 1 : 0;
  while (Math.abs(scaled) >= 1000 && i < BYTE_UNITS.length - 1) {
    scaled /= 1000;
    i++;
  }
  const digits = Math.abs(scaled) >= 100 || Number.isInteger(scaled) ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
  return `${scaled.toFixed(digits)} ${BYTE_UNITS[i]}`;
}

/** A y-axis tick: like formatMetric but terser (`40%`, `1.2M`). */
export function formatTick(unit: MetricUnit, value: number): string {
  if (unit === "%") return `${Math.round(value)}%`;
  const base = unit === "KB/s" ? value * 1000 : value;
  for (const [limit, suffix] of [[1e9, "G"], [1e6, "M"], [1e3, "k"]] as const) {
    if (Math.abs(base) >= limit) return `${Number((base / limit).toFixed(1))}${suffix}`;
  }
  return String(Math.round(base));
}
