import { METRIC_META } from "@/components/monitoring/metric-meta";
import type { MetricName } from "@/lib/core/metrics";
import type { AlertRuleView, AlertScope } from "@/lib/validation/monitoring";

/** The unit the metric is stored in (and a threshold is typed in): percent or a rate, unscaled. */
export function metricUnit(metric: string): string {
  return METRIC_META[metric as MetricName]?.unit ?? "";
}

/** `2 min`, `90 s`, `1 h`, `1 h 30 min`: what a person would say. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds} s`;
  const min = seconds / 60;
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** A value as the rule's metric reads: `87.3 %`, `1,250 B/s`; at most two decimals. */
export function formatValue(metric: string, value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString("en-US", { maximumFractionDigits: digits });
  const unit = metricUnit(metric);
  return unit ? `${text} ${unit}` : text;
}

type Condition = Pick<AlertRuleView, "agg" | "metric" | "op" | "threshold" | "forSeconds" | "windowSeconds">;

/** `avg cpu_utilization > 80 %`: what is compared. */
export function describeTest(rule: Condition): string {
  return `${rule.agg} ${rule.metric} ${rule.op} ${formatValue(rule.metric, rule.threshold)}`;
}

/** `for 2 min over 1 min`: how long it must hold, over which window; `at once` when forSeconds is 0. */
export function describeTiming(rule: Condition): string {
  const hold = rule.forSeconds > 0 ? `for ${formatSeconds(rule.forSeconds)}` : "at once";
  return `${hold} over ${formatSeconds(rule.windowSeconds)}`;
}

/** `avg cpu_utilization > 80 % for 2 min over 1 min`. */
export function describeCondition(rule: Condition): string {
  return `${describeTest(rule)} ${describeTiming(rule)}`;
}

export type ScopeKind = "vm" | "mci" | "namespace";
export const SCOPE_LABELS: Readonly<Record<ScopeKind, string>> = { vm: "VM", mci: "MCI", namespace: "Namespace" };

export function scopeOf(scope: AlertScope | AlertRuleView["scope"]): { kind: ScopeKind; id: string } {
  if (scope.vm) return { kind: "vm", id: scope.vm };
  if (scope.mci) return { kind: "mci", id: scope.mci };
  return { kind: "namespace", id: scope.namespace ?? "" };
}
