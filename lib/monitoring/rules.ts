import { randomUUID } from "node:crypto";
import { NotFoundError } from "@/lib/core/errors";
import type { AlertEvaluator } from "./alert-evaluator";
import { vetWebhookUrl, type WebhookPolicy } from "./webhook-target";
import type { AlertEventRow, AlertRepository, AlertRuleRow, AlertStateRecord } from "@/lib/store/alerts";
import type { MonitoredVmRepository } from "@/lib/store/monitored-vms";
import type { AlertEventsQuery, AlertEventView, AlertRuleCreate, AlertRuleView } from "@/lib/validation/monitoring";

export interface RuleDeps {
  alerts: AlertRepository;
  vms: MonitoredVmRepository;
  /** Which internal webhook receivers are allowed; without it, none. */
  webhooks?: WebhookPolicy;
}

export function toRuleView(r: AlertRuleRow, states: AlertStateRecord[] = []): AlertRuleView {
  const mine = states.filter((s) => s.ruleId === r.id);
  return {
    id: r.id,
    name: r.name,
    metric: r.metric,
    agg: r.agg as AlertRuleView["agg"],
    op: r.op as AlertRuleView["op"],
    threshold: r.threshold,
    forSeconds: r.forSeconds,
    windowSeconds: r.windowSeconds,
    scope: { [r.scopeKind]: r.scopeId },
    severity: r.severity as AlertRuleView["severity"],
    webhookUrl: r.webhookUrl,
    createdAt: r.createdAt.toISOString(),
    firing: mine.filter((s) => s.state === "firing").map((s) => s.vmId),
    pending: mine.filter((s) => s.state === "pending").map((s) => s.vmId),
  };
}

export function toEventView(e: AlertEventRow): AlertEventView {
  return {
    id: e.id,
    ruleId: e.ruleId,
    ruleName: e.ruleName,
    state: e.state as AlertEventView["state"],
    at: e.at.toISOString(),
    value: e.value,
    vm: e.vmId,
    mci: e.mciId,
    namespace: e.namespace,
    metric: e.metric,
    agg: e.agg,
    op: e.op,
    threshold: e.threshold,
    severity: e.severity,
    webhookStatus: e.webhookStatus,
  };
}

export async function listRules(deps: RuleDeps): Promise<AlertRuleView[]> {
  const [rules, states] = await Promise.all([deps.alerts.listRules(), deps.alerts.states()]);
  return rules.map((r) => toRuleView(r, states));
}

export async function getRule(deps: RuleDeps, id: string): Promise<AlertRuleView> {
  const rule = await deps.alerts.findRule(id);
  if (!rule) throw new NotFoundError(`alert rule "${id}" does not exist; GET /api/v1/alerts/rules lists them`);
  return toRuleView(rule, await deps.alerts.statesOf([id]));
}

/**
 * A rule must watch something that exists: the VM, MCI or namespace is checked first (404
 * otherwise). Its webhook must not reach an internal address (400 on webhookUrl with the reason).
 */
export async function createRule(deps: RuleDeps, input: AlertRuleCreate): Promise<AlertRuleView> {
  const { scope } = input;
  const [kind, id] = scope.vm ? (["vm", scope.vm] as const) : scope.mci ? (["mci", scope.mci] as const) : (["namespace", scope.namespace!] as const);
  const exists = kind === "vm" ? (await deps.vms.find(id)) !== null : kind === "mci" ? await deps.vms.mciExists(id) : await deps.vms.namespaceExists(id);
  if (!exists) throw new NotFoundError(`${kind === "vm" ? "VM" : kind === "mci" ? "MCI" : "namespace"} "${id}" does not exist`, `scope.${kind}`);
  if (input.webhookUrl) await vetWebhookUrl(input.webhookUrl, deps.webhooks);
  const rule = await deps.alerts.createRule({
    id: `rule-${randomUUID().slice(0, 12)}`,
    name: input.name,
    metric: input.metric,
    agg: input.agg,
    op: input.op,
    threshold: input.threshold,
    forSeconds: input.forSeconds,
    windowSeconds: input.windowSeconds,
    scopeKind: kind,
    scopeId: id,
    severity: input.severity,
    webhookUrl: input.webhookUrl ?? null,
  });
  return toRuleView(rule);
}

/** Deletes a rule through the evaluator, which closes what the rule had firing. */
export async function deleteRule(evaluator: Pick<AlertEvaluator, "retire">, id: string): Promise<void> {
  if (!(await evaluator.retire(id))) throw new NotFoundError(`alert rule "${id}" does not exist; GET /api/v1/alerts/rules lists them`);
}

export async function listEvents(deps: RuleDeps, q: AlertEventsQuery): Promise<AlertEventView[]> {
  return (await deps.alerts.listEvents({ mciId: q.mci, ruleId: q.ruleId, vmId: q.vm, state: q.state, limit: q.limit ?? 100 })).map(toEventView);
}
