import { fieldIn } from "@/components/ui/place-issues";
import type { Agg, AlertOp, MetricName } from "@/lib/core/metrics";
import type { AlertRuleCreate } from "@/lib/validation/monitoring";
import type { ScopeKind } from "./format-rule";

/** What the form holds: numbers stay text so nothing typed is lost to parsing. */
export type RuleDraft = {
  name: string;
  metric: MetricName;
  agg: Agg;
  op: AlertOp;
  threshold: string;
  forSeconds: string;
  windowSeconds: string;
  scopeKind: ScopeKind;
  scopeValue: string;
  severity: AlertRuleCreate["severity"];
  webhookUrl: string;
};

export const EMPTY_DRAFT: RuleDraft = {
  name: "",
  metric: "cpu_utilization",
  agg: "avg",
  op: ">",
  threshold: "80",
  forSeconds: "120",
  windowSeconds: "60",
  scopeKind: "mci",
  scopeValue: "",
  severity: "warning",
  webhookUrl: "",
};

/** The form fields an error can sit next to; anything else is shown above the button. */
export const DRAFT_FIELDS = ["name", "metric", "agg", "op", "threshold", "forSeconds", "windowSeconds", "scope", "severity", "webhookUrl"] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** Blank is "not given" (the schema then says what it needs); anything else is handed over as typed. */
function toNumber(text: string): number | undefined {
  return text.trim() === "" ? undefined : Number(text.trim());
}

/** The action's input; the server validates it, so this only reshapes. */
export function toCreateInput(d: RuleDraft): AlertRuleCreate {
  return {
    name: d.name,
    metric: d.metric,
    agg: d.agg,
    op: d.op,
    threshold: toNumber(d.threshold) as number,
    forSeconds: toNumber(d.forSeconds) as number,
    windowSeconds: toNumber(d.windowSeconds) as number,
    scope: { [d.scopeKind]: d.scopeValue.trim() || undefined },
    severity: d.severity,
    webhookUrl: d.webhookUrl.trim() || undefined,
  };
}

/** The field an issue's path belongs to: `scope.mci` goes next to the scope field. */
export const fieldOfDraft = fieldIn(DRAFT_FIELDS);
