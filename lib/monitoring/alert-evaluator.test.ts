import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { stores } from "@/lib/store";
import { tempDatabase } from "@/lib/store/testing";
import { describeError } from "@/lib/http/errors";
import { alertRuleCreateSchema } from "@/lib/validation/monitoring";
import { AlertEvaluator } from "./alert-evaluator";
import { monitoringConfigFromEnv } from "./config";
import { createRule, deleteRule, getRule, listEvents } from "./rules";
import { seedMci, testMonitoring } from "./testing";

const temp = tempDatabase();
const clock = new ManualClock(Date.UTC(2026, 10, 27, 12, 0, 0));
// The receiver below listens on 127.0.0.1: allowed as the server's BARISTA_WEBHOOK_ALLOW would allow it.
const m = { ...testMonitoring(temp.prisma, temp.url, clock), webhooks: { allow: monitoringConfigFromEnv({ BARISTA_WEBHOOK_ALLOW: "127.0.0.1" }).webhookAllow } };
const received: { body: Record<string, unknown>; headers: IncomingMessage["headers"] }[] = [];
let server: Server;
let hookUrl = "";

beforeAll(async () => {
  await seedMci(temp.prisma, "mci-a", [
    { id: "vm-1", name: "one" },
    { id: "vm-2", name: "two" },
  ]);
  await seedMci(temp.prisma, "mci-b", [{ id: "vm-3", name: "three" }], "team");
  server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      received.push({ body: JSON.parse(data), headers: req.headers });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await m.metrics.close();
  await temp.cleanup();
});

/** Samples for the last 10 seconds, as an agent pushing every 10 s would send. */
async function report(vmId: string, value: number) {
  await m.metrics.write([{ vmId, metric: "cpu_utilization", ts: clock.now() - 5_000, value }]);
}

async function step(evaluator: AlertEvaluator, values: Record<string, number>) {
  clock.advance(10_000);
  for (const [vm, v] of Object.entries(values)) await report(vm, v);
  const events = await evaluator.tick();
  await evaluator.idle();
  return events.map((e) => `${e.vmId}:${e.state}`);
}

describe("alert rules", () => {
  it("go pending, fire after forSeconds, resolve, and POST both events to the webhook", async () => {
    const rule = await createRule(m, alertRuleCreateSchema.parse({ name: "hot cpu", metric: "cpu_utilization", agg: "avg", op: ">", threshold: 80, forSeconds: 20, windowSeconds: 10, scope: { mci: "mci-a" }, severity: "critical", webhookUrl: hookUrl }));
    expect(rule.scope).toEqual({ mci: "mci-a" });
    const ev = new AlertEvaluator({ ...m });

    expect(await step(ev, { "vm-1": 90, "vm-2": 10 })).toEqual([]);
    expect((await getRule(m, rule.id)).pending).toEqual(["vm-1"]);
    expect(await step(ev, { "vm-1": 95, "vm-2": 10 })).toEqual([]);
    expect(await step(ev, { "vm-1": 92, "vm-2": 10 })).toEqual(["vm-1:firing"]);
    expect((await getRule(m, rule.id)).firing).toEqual(["vm-1"]);
    expect(await step(ev, { "vm-1": 99, "vm-2": 10 })).toEqual([]);
    expect(await step(ev, { "vm-1": 20, "vm-2": 10 })).toEqual(["vm-1:resolved"]);

    const events = await listEvents(m, { ruleId: rule.id });
    expect(events.map((e) => [e.state, e.vm, e.value, e.mci])).toEqual([
      ["resolved", "vm-1", 20, "mci-a"],
      ["firing", "vm-1", 92, "mci-a"],
    ]);
    expect(received.map((r) => [r.body.state, r.body.vm, r.body.value, r.body.ruleId, r.body.severity, r.body.vmName])).toEqual([
      ["firing", "vm-1", 92, rule.id, "critical", "one"],
      ["resolved", "vm-1", 20, rule.id, "critical", "one"],
    ]);
    expect(received[0].headers["content-type"]).toBe("application/json");
    expect(received[0].body.summary).toMatch(/hot cpu firing on one/);
    expect(events.every((e) => e.webhookStatus === "delivered (HTTP 200)")).toBe(true);
    await deleteRule(ev, rule.id);
  });

  it("keeps a pending condition across a restart and fires on time afterwards", async () => {
    const rule = await createRule(m, alertRuleCreateSchema.parse({ name: "cold", metric: "cpu_utilization", agg: "max", op: "<", threshold: 5, forSeconds: 30, windowSeconds: 10, scope: { vm: "vm-2" } }));
    const first = new AlertEvaluator({ ...m });
    expect(await step(first, { "vm-2": 1 })).toEqual([]);
    expect(await step(first, { "vm-2": 2 })).toEqual([]);
    // A new evaluator over a new client: only the database remembers.
    const second = new AlertEvaluator({ ...m, alerts: stores(temp.reopen()).alerts });
    expect(await step(second, { "vm-2": 1 })).toEqual([]);
    expect(await step(second, { "vm-2": 1 })).toEqual(["vm-2:firing"]);
    // A VM that stops reporting resolves, with no value.
    expect(await step(second, {})).toEqual(["vm-2:resolved"]);
    expect((await listEvents(m, { ruleId: rule.id, state: "resolved" }))[0].value).toBeNull();
    await deleteRule(second, rule.id);
  });

  it("watches every VM of a namespace, and filters events by MCI", async () => {
    const rule = await createRule(m, alertRuleCreateSchema.parse({ name: "any", metric: "cpu_utilization", agg: "last", op: ">=", threshold: 50, forSeconds: 0, scope: { namespace: "team" } }));
    const ev = new AlertEvaluator({ ...m });
    expect(await step(ev, { "vm-1": 99, "vm-3": 50 })).toEqual(["vm-3:firing"]);
    expect((await listEvents(m, { mci: "mci-b" })).map((e) => e.vm)).toEqual(["vm-3"]);
    expect((await listEvents(m, { mci: "mci-a", ruleId: rule.id }))).toEqual([]);
    await deleteRule(ev, rule.id);
  });

  it("closes what a deleted rule had firing, with a resolved event sent to its webhook", async () => {
    const rule = await createRule(m, alertRuleCreateSchema.parse({ name: "gone", metric: "cpu_utilization", agg: "last", op: ">", threshold: 50, forSeconds: 0, scope: { mci: "mci-a" }, webhookUrl: hookUrl }));
    const ev = new AlertEvaluator({ ...m });
    expect(await step(ev, { "vm-1": 70, "vm-2": 60 })).toEqual(["vm-1:firing", "vm-2:firing"]);
    received.length = 0;
    await deleteRule(ev, rule.id);
    await ev.idle();
    const events = await listEvents(m, { ruleId: rule.id });
    expect(events.filter((e) => e.state === "resolved").map((e) => [e.vm, e.value, e.mci]).sort()).toEqual([
      ["vm-1", null, "mci-a"],
      ["vm-2", null, "mci-a"],
    ]);
    expect(received.map((r) => [r.body.state, r.body.vm]).sort()).toEqual([
      ["resolved", "vm-1"],
      ["resolved", "vm-2"],
    ]);
    await expect(getRule(m, rule.id)).rejects.toThrow(/does not exist/);
    await expect(deleteRule(ev, rule.id)).rejects.toThrow(/alert rule ".*" does not exist/);
    // Nothing of the rule is left for the evaluator to resolve again.
    expect(await step(ev, { "vm-1": 70 })).toEqual([]);
  });

  it("refuses a scope that does not exist and bad rule input, naming the field", async () => {
    await expect(createRule(m, alertRuleCreateSchema.parse({ name: "x", metric: "cpu_utilization", agg: "avg", op: ">", threshold: 1, forSeconds: 0, scope: { vm: "vm-ghost" } }))).rejects.toMatchObject({ message: 'VM "vm-ghost" does not exist', field: "scope.vm" });
    const bad = alertRuleCreateSchema.safeParse({ name: "x", metric: "cpu_utilization", agg: "avg", op: "=>", threshold: 1, forSeconds: -1, scope: { vm: "a", mci: "b" }, webhookUrl: "ftp://x" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["op", "forSeconds", "scope", "webhookUrl"]));
  });
});

describe("alert webhooks to internal addresses", () => {
  const rule = (webhookUrl: string) => alertRuleCreateSchema.parse({ name: "guarded", metric: "cpu_utilization", agg: "last", op: ">", threshold: 50, forSeconds: 0, scope: { vm: "vm-1" }, webhookUrl });

  it("are refused when the rule is made: 400 on webhookUrl with the reason, and no rule is stored", async () => {
    const strict = { ...m, webhooks: undefined };
    const before = (await m.alerts.listRules()).length;
    for (const [url, reason] of [
      [hookUrl, "127.0.0.1 is a loopback address; webhooks are not sent to internal addresses unless BARISTA_WEBHOOK_ALLOW lists them"],
      ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address; webhooks are never sent to cloud metadata services"],
      ["http://[::ffff:192.168.1.10]/", "::ffff:c0a8:10a is a private address; webhooks are not sent to internal addresses unless BARISTA_WEBHOOK_ALLOW lists them"],
    ]) {
      const e = await createRule(strict, rule(url)).catch((x: unknown) => x);
      const d = describeError(e, "body");
      expect(d.status).toBe(400);
      expect(d.body.issues).toEqual([{ path: "body.webhookUrl", message: reason }]);
    }
    // A server action names the field without the body prefix, so the form shows it beside its input.
    expect(describeError(await createRule(strict, rule(hookUrl)).catch((x: unknown) => x)).body.issues?.[0].path).toBe("webhookUrl");
    expect((await m.alerts.listRules()).length).toBe(before);
  });

  it("are refused at send time when the name resolves elsewhere since (DNS rebinding), and the receiver hears nothing", async () => {
    const port = new URL(hookUrl).port;
    const asked: string[] = [];
    // Public when the rule is made, the receiver's loopback address when the alert is sent.
    const resolve = async (host: string) => {
      asked.push(host);
      return [{ address: asked.length === 1 ? "93.184.216.34" : "127.0.0.1", family: 4 }];
    };
    const rebinding = { ...m, webhooks: { allow: monitoringConfigFromEnv({}).webhookAllow, resolve } };
    const created = await createRule(rebinding, rule(`http://rebind.barista.test:${port}/hook`));
    const ev = new AlertEvaluator(rebinding);
    received.length = 0;
    expect(await step(ev, { "vm-1": 90 })).toEqual(["vm-1:firing"]);
    const [event] = await listEvents(m, { ruleId: created.id });
    expect(event.webhookStatus).toBe("refused: rebind.barista.test resolves to 127.0.0.1, a loopback address; webhooks are not sent to internal addresses unless BARISTA_WEBHOOK_ALLOW lists them");
    expect(received).toEqual([]);
    // Resolved once to make the rule, once to send; a refusal is not retried.
    expect(asked).toEqual(["rebind.barista.test", "rebind.barista.test"]);
    await deleteRule(ev, created.id);
    await ev.idle();
    expect(received).toEqual([]);
  });
});
