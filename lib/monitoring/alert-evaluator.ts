import type { Clock } from "@/lib/core/clock";
import type { AlertEventRow, AlertRepository, AlertRuleRow, AlertStateRecord, NewAlertEvent } from "@/lib/store/alerts";
import type { MetricStore } from "@/lib/store/metrics";
import type { MonitoredVm, MonitoredVmRepository } from "@/lib/store/monitored-vms";
import type { Agg, AlertOp } from "@/lib/core/metrics";
import { advance, type AlertPosition } from "./alert-machine";
import { toEventView } from "./rules";
import { postWebhook } from "./webhook";
import type { WebhookPolicy } from "./webhook-target";

export const ALERT_INTERVAL_MS = 10_000;
/** After a pause this long (the server was down), pending conditions start over: nobody watched them meanwhile. */
const STALE_AFTER_MS = 3 * ALERT_INTERVAL_MS;

export interface AlertDeps {
  metrics: Pick<MetricStore, "windowValue">;
  vms: Pick<MonitoredVmRepository, "list">;
  alerts: AlertRepository;
  clock: Clock;
  notify?: (url: string, body: unknown) => Promise<string>;
  /** Which internal webhook receivers are allowed; without it, none. */
  webhooks?: WebhookPolicy;
}

function scopeOf(rule: AlertRuleRow, vms: MonitoredVm[]): MonitoredVm[] {
  switch (rule.scopeKind) {
    case "vm":
      return vms.filter((v) => v.id === rule.scopeId);
    case "mci":
      return vms.filter((v) => v.mciId === rule.scopeId);
    default:
      return vms.filter((v) => v.namespace === rule.scopeId);
  }
}

function eventOf(rule: AlertRuleRow, vm: Pick<MonitoredVm, "id"> & Partial<MonitoredVm>, state: "firing" | "resolved", at: number, value: number | null): NewAlertEvent {
  return { ruleId: rule.id, ruleName: rule.name, vmId: vm.id, mciId: vm.mciId ?? null, namespace: vm.namespace ?? null, state, at, value, metric: rule.metric, agg: rule.agg, op: rule.op, threshold: rule.threshold, severity: rule.severity };
}

/** What a webhook receives for one event: the event as the API lists it, with the VM's name, the rule's timing and a one-line summary. */
export function webhookBody(e: AlertEventRow, rule: AlertRuleRow, vmName: string | undefined) {
  const shown = e.value === null ? "no data" : `${rule.agg} ${e.metric} ${Math.round(e.value * 100) / 100}`;
  const { id, webhookStatus: _delivery, ...event } = toEventView(e);
  return {
    eventId: id,
    ...event,
    vmName: vmName ?? null,
    windowSeconds: rule.windowSeconds,
    forSeconds: rule.forSeconds,
    summary: `[${e.severity}] ${e.ruleName} ${e.state} on ${vmName ?? e.vmId}: ${shown} (rule: ${e.op} ${e.threshold} over ${rule.windowSeconds} s for ${rule.forSeconds} s)`,
  };
}

/**
 * Evaluates every rule for every VM in its scope, once per tick: the aggregate of the last
 * window goes through the state machine; state changes and events are written in one
 * transaction (so a restart resumes where it stood), then webhooks are sent in the background.
 */
export class AlertEvaluator {
  private readonly deliveries = new Set<Promise<void>>();
  private lastTick: number | null | undefined;

  constructor(private readonly deps: AlertDeps) {}

  async tick(): Promise<AlertEventRow[]> {
    const { alerts, clock, metrics } = this.deps;
    const now = clock.now();
    const [rules, states] = await Promise.all([alerts.listRules(), alerts.states()]);
    // Nothing to watch: no query of the VMs and no write every 10 s.
    if (!rules.length && !states.length) return [];
    const vms = await this.deps.vms.list();
    if (this.lastTick === undefined) this.lastTick = await alerts.lastTick();
    const stale = this.lastTick !== null && now - this.lastTick > STALE_AFTER_MS;
    const stateOf = new Map<string, AlertStateRecord>(states.map((s) => [`${s.ruleId}\u0000${s.vmId}`, s]));
    const upsert: AlertStateRecord[] = [];
    const remove: { ruleId: string; vmId: string }[] = [];
    const events: NewAlertEvent[] = [];
    const seen = new Set<string>();

    for (const rule of rules) {
      for (const vm of scopeOf(rule, vms)) {
        const key = `${rule.id}\u0000${vm.id}`;
        seen.add(key);
        const rec = stateOf.get(key);
        const prev: AlertPosition = rec ? { phase: rec.state, since: stale && rec.state === "pending" ? now : rec.since } : { phase: "ok", since: now };
        const value = await metrics.windowValue(vm.id, rule.metric, now - rule.windowSeconds * 1000, now + 1, rule.agg as Agg);
        const { next, event } = advance(prev, { value, op: rule.op as AlertOp, threshold: rule.threshold, forMs: rule.forSeconds * 1000, now });
        if (next.phase === "ok") {
          if (rec) remove.push({ ruleId: rule.id, vmId: vm.id });
        } else if (!rec || rec.state !== next.phase || rec.since !== next.since) {
          upsert.push({ ruleId: rule.id, vmId: vm.id, state: next.phase, since: next.since, value });
        }
        if (event) events.push(eventOf(rule, vm, event, now, value));
      }
    }
    // A VM that left the scope (removed, moved) can no longer fire: resolve what it had.
    const ruleById = new Map(rules.map((r) => [r.id, r]));
    const vmById = new Map(vms.map((v) => [v.id, v]));
    for (const [key, rec] of stateOf) {
      if (seen.has(key)) continue;
      remove.push({ ruleId: rec.ruleId, vmId: rec.vmId });
      const rule = ruleById.get(rec.ruleId);
      if (rule && rec.state === "firing") events.push(eventOf(rule, vmById.get(rec.vmId) ?? { id: rec.vmId }, "resolved", now, null));
    }

    const created = await alerts.commit({ upsert, remove, events }, now);
    this.lastTick = now;
    for (const e of created) {
      const rule = ruleById.get(e.ruleId);
      if (rule?.webhookUrl) this.deliver(rule.webhookUrl, e, rule, vmById.get(e.vmId)?.name);
    }
    return created;
  }

  /**
   * Deletes a rule. Every VM it fires for gets a `resolved` event (no value) first, sent to the
   * webhook like any other, so a receiver never keeps an incident open for a rule that is gone.
   */
  async retire(ruleId: string): Promise<boolean> {
    const now = this.deps.clock.now();
    const vmById = new Map((await this.deps.vms.list()).map((v) => [v.id, v]));
    const done = await this.deps.alerts.deleteRule(ruleId, (rule, firing) => firing.map((s) => eventOf(rule, vmById.get(s.vmId) ?? { id: s.vmId }, "resolved", now, null)));
    if (!done) return false;
    const url = done.rule.webhookUrl;
    if (url) for (const e of done.events) this.deliver(url, e, done.rule, vmById.get(e.vmId)?.name);
    return true;
  }

  private deliver(url: string, e: AlertEventRow, rule: AlertRuleRow, vmName: string | undefined): void {
    const notify = this.deps.notify ?? ((to: string, body: unknown) => postWebhook(to, body, { policy: this.deps.webhooks }));
    const p = notify(url, webhookBody(e, rule, vmName))
      .then((status) => this.deps.alerts.setWebhookStatus(e.id, status))
      .catch((err: unknown) => console.error(`[barista] alert webhook for event ${e.id}:`, err))
      .finally(() => this.deliveries.delete(p));
    this.deliveries.add(p);
  }

  /** Resolves when every webhook sent so far has been answered (or given up). */
  async idle(): Promise<void> {
    while (this.deliveries.size) await Promise.all([...this.deliveries]);
  }
}
