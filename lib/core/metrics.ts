/**
 * The metric vocabulary (CB-Dragonfly's names): what drivers report, what agents push, what
 * monitoring stores and charts. Shared by all of them, so it lives in the core, owned by none.
 */
export const METRIC_NAMES = ["cpu_utilization", "mem_utilization", "disk_utilization", "bytes_in", "bytes_out", "kb_read", "kb_written"] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * How old a VM's newest sample may be and still count as what it reports now (heat maps, the
 * fleet's CPU): two collector ticks late under load, or an agent sending once a minute that missed
 * one flush, still report; a VM silent longer is "not reporting".
 */
export const LATEST_WINDOW_MS = 120_000;
/** The same window in words, for tooltips and the API's descriptions. */
export const LATEST_WINDOW_WORDS = `${LATEST_WINDOW_MS / 60_000} min`;

/** How samples fold into one value over a bucket or a window. */
export const AGGS = ["avg", "max", "min", "last"] as const;
export type Agg = (typeof AGGS)[number];

/** How the VMs of an MCI fold into one series per bucket. */
export const COMBINES = ["avg", "max", "min", "sum"] as const;
export type Combine = (typeof COMBINES)[number];

/** The comparisons an alert rule may make against its threshold. */
export const ALERT_OPS = [">", "<", ">=", "<="] as const;
export type AlertOp = (typeof ALERT_OPS)[number];
