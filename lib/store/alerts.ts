import { audited, inTransaction } from "./audit-scope";
import type { AlertEvent, AlertRule, AlertState, PrismaClient } from "./generated/prisma/client";

export type { AlertEvent as AlertEventRow, AlertRule as AlertRuleRow };

export interface NewAlertRule {
  id: string;
  name: string;
  metric: string;
  agg: string;
  op: string;
  threshold: number;
  forSeconds: number;
  windowSeconds: number;
  scopeKind: "vm" | "mci" | "namespace";
  scopeId: string;
  severity: string;
  webhookUrl: string | null;
}

export interface AlertStateRecord {
  ruleId: string;
  vmId: string;
  state: "pending" | "firing";
  since: number;
  value: number | null;
}

export interface NewAlertEvent {
  ruleId: string;
  ruleName: string;
  vmId: string;
  mciId: string | null;
  namespace: string | null;
  state: "firing" | "resolved";
  at: number;
  value: number | null;
  metric: string;
  agg: string;
  op: string;
  threshold: number;
  severity: string;
}

export interface AlertChanges {
  upsert: AlertStateRecord[];
  remove: { ruleId: string; vmId: string }[];
  events: NewAlertEvent[];
}

export interface EventFilter {
  mciId?: string;
  ruleId?: string;
  vmId?: string;
  state?: string;
  limit: number;
}

const LAST_TICK = "alerts.lastTick";

function toRecord(s: AlertState): AlertStateRecord {
  return { ruleId: s.ruleId, vmId: s.vmId, state: s.state as AlertStateRecord["state"], since: s.since, value: s.value };
}

/** Alert rules, where each stands for each VM, and the events they raised. */
export class AlertRepository {
  constructor(private readonly prisma: PrismaClient) {}

  listRules(): Promise<AlertRule[]> {
    return this.prisma.alertRule.findMany({ orderBy: { createdAt: "asc" } });
  }

  findRule(id: string): Promise<AlertRule | null> {
    return this.prisma.alertRule.findUnique({ where: { id } });
  }

  createRule(rule: NewAlertRule): Promise<AlertRule> {
    return audited(this.prisma, (tx) => tx.alertRule.create({ data: rule }));
  }

  /**
   * Deletes a rule with its states (cascade); its events stay, as history. `closing` turns the
   * VMs it fired for into the events that close them, written in the same transaction.
   */
  async deleteRule(id: string, closing: (rule: AlertRule, firing: AlertStateRecord[]) => NewAlertEvent[]): Promise<{ rule: AlertRule; events: AlertEvent[] } | null> {
    return inTransaction(this.prisma, async (tx) => {
      const rule = await tx.alertRule.findUnique({ where: { id } });
      if (!rule) return null;
      const firing = (await tx.alertState.findMany({ where: { ruleId: id, state: "firing" } })).map(toRecord);
      const wanted = closing(rule, firing);
      const events = wanted.length ? await tx.alertEvent.createManyAndReturn({ data: wanted.map((e) => ({ ...e, at: new Date(e.at) })) }) : [];
      await tx.alertRule.delete({ where: { id } });
      return { rule, events };
    });
  }

  async states(): Promise<AlertStateRecord[]> {
    return (await this.prisma.alertState.findMany()).map(toRecord);
  }

  async statesOf(ruleIds: string[]): Promise<AlertStateRecord[]> {
    return (await this.prisma.alertState.findMany({ where: { ruleId: { in: ruleIds } } })).map(toRecord);
  }

  /** One evaluation's outcome in one transaction, so a crash never leaves an event without its state or the reverse. */
  async commit(changes: AlertChanges, now: number): Promise<AlertEvent[]> {
    return this.prisma.$transaction(async (tx) => {
      for (const s of changes.upsert) {
        await tx.alertState.upsert({
          where: { ruleId_vmId: { ruleId: s.ruleId, vmId: s.vmId } },
          create: { ...s, evaluatedAt: now },
          update: { state: s.state, since: s.since, value: s.value, evaluatedAt: now },
        });
      }
      for (const r of changes.remove) await tx.alertState.deleteMany({ where: { ruleId: r.ruleId, vmId: r.vmId } });
      await tx.setting.upsert({ where: { key: LAST_TICK }, create: { key: LAST_TICK, value: String(now) }, update: { value: String(now) } });
      if (!changes.events.length) return [];
      return tx.alertEvent.createManyAndReturn({ data: changes.events.map((e) => ({ ...e, at: new Date(e.at) })) });
    });
  }

  /** When the evaluator last ran (epoch ms), or null before its first run. */
  async lastTick(): Promise<number | null> {
    const v = (await this.prisma.setting.findUnique({ where: { key: LAST_TICK } }))?.value;
    return v ? Number(v) : null;
  }

  async setWebhookStatus(eventId: number, status: string): Promise<void> {
    await this.prisma.alertEvent.updateMany({ where: { id: eventId }, data: { webhookStatus: status.slice(0, 500) } });
  }

  listEvents(f: EventFilter): Promise<AlertEvent[]> {
    return this.prisma.alertEvent.findMany({
      where: { ...(f.mciId ? { mciId: f.mciId } : {}), ...(f.ruleId ? { ruleId: f.ruleId } : {}), ...(f.vmId ? { vmId: f.vmId } : {}), ...(f.state ? { state: f.state } : {}) },
      orderBy: { id: "desc" },
      take: f.limit,
    });
  }
}
