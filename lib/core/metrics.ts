/**
 * The metric vocabulary (CB-Dragonfly's names): what drivers report, what agents push, what
 * monitoring stores and charts. Shared by all of them, so it lives in the core, owned by none.
 */
export const METRIC_NAMES = ["cpu_utilization", "mem_utilization", "disk_utilization", "bytes_in", "bytes_out", "kb_read", "kb_written"] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
