import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { stores } from "@/lib/store";
import { LeaseRepository } from "@/lib/store/leases";
import { tempDatabase } from "@/lib/store/testing";
import { LeaderLease } from "@/lib/server/leader-lease";
import { alertRuleCreateSchema } from "@/lib/validation/monitoring";
import { AlertEvaluator } from "./alert-evaluator";
import { onlyOnLeader } from "./monitoring";
import { createRule, listEvents } from "./rules";
import { seedMci, testMonitoring } from "./testing";

const temp = tempDatabase();
const clock = new ManualClock(Date.UTC(2026, 10, 27, 12, 0, 0));
const m = testMonitoring(temp.prisma, temp.url, clock);

afterAll(async () => {
  await m.metrics.close();
  await temp.cleanup();
});

/** One server's alert job: its own database client, its own lease, its evaluator run only while it leads. */
function server(name: string) {
  const prisma = temp.reopen();
  const lease = new LeaderLease({ store: new LeaseRepository(prisma), name: "monitoring", holder: name, clock });
  const evaluator = new AlertEvaluator({ ...m, alerts: stores(prisma).alerts, notify: async () => "delivered" });
  return { lease, evaluate: onlyOnLeader(() => lease.isLeader())(() => evaluator.tick()), evaluator };
}

describe("alerts with several servers", () => {
  it("fire once, not once per server, and keep firing once when the leader dies and another takes over", async () => {
    await seedMci(temp.prisma, "mci-a", [{ id: "vm-1", name: "one" }]);
    const rule = await createRule(m, alertRuleCreateSchema.parse({ name: "hot", metric: "cpu_utilization", agg: "avg", op: ">", threshold: 80, forSeconds: 20, windowSeconds: 10, scope: { mci: "mci-a" } }));
    const a = server("a");
    const b = server("b");
    let live = [a, b];
    // Ten seconds of both servers: leases tried every ~3 s, then both alert jobs turn at once.
    const tenSeconds = async (cpu: number) => {
      for (let i = 0; i < 3; i++) {
        clock.advance(3_333);
        for (const s of live) await s.lease.tick();
      }
      clock.advance(1);
      await m.metrics.write([{ vmId: "vm-1", metric: "cpu_utilization", ts: clock.now() - 5_000, value: cpu }]);
      await Promise.all(live.map((s) => s.evaluate()));
      await Promise.all(live.map((s) => s.evaluator.idle()));
    };
    for (let i = 0; i < 6; i++) await tenSeconds(95);
    const firing = async () => (await listEvents(m, { ruleId: rule.id })).filter((e) => e.state === "firing");
    expect(await firing()).toHaveLength(1);
    expect([a.lease.isLeader(), b.lease.isLeader()]).toEqual([true, false]);

    // a is killed: it renews nothing and evaluates nothing. b leads within 15 s and does not fire again.
    live = [b];
    for (let i = 0; i < 3; i++) await tenSeconds(96);
    expect(b.lease.isLeader()).toBe(true);
    expect(await firing()).toHaveLength(1);
    await tenSeconds(10);
    expect((await listEvents(m, { ruleId: rule.id })).map((e) => e.state)).toEqual(["resolved", "firing"]);
  });
});
