import { gzipSync } from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";
import { cheapSpec, waitForMci, type Mci } from "./support/api";

type Series = { vm?: string; name?: string; combine?: string; vms?: number; points: [number, number][] };
type Answer = { metric: string; agg: string; step: number; from: number; to: number; series: Series[] };
type AlertEvent = { id: number; ruleId: string; state: "firing" | "resolved"; at: string; value: number | null; vm: string; mci: string | null };
type MciWithHistory = Omit<Mci, "vms"> & { vms: (Mci["vms"][number] & { history: { status: string; at: string }[] })[] };

const REGION = "aws-us-east-1";

async function metrics(request: APIRequestContext, params: Record<string, string>, status = 200): Promise<Answer & { error?: string }> {
  const res = await request.get(`/api/v1/metrics?${new URLSearchParams(params)}`);
  const body = await res.json();
  expect(res.status(), JSON.stringify(body).slice(0, 400)).toBe(status);
  return body;
}

async function write(request: APIRequestContext, body: string, precision = "s") {
  return request.post(`/api/v1/metrics/write?precision=${precision}`, { data: body, headers: { "content-type": "text/plain" } });
}

test.describe.configure({ mode: "serial" });

test.describe("monitoring API", () => {
  let mci: MciWithHistory;
  let hook: WebhookReceiver;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(120_000);
    const created = await request.post("/api/v1/ns/default/mci", { data: { name: `mon-${Date.now() % 1_000_000}`, subGroups: [{ region: REGION, specId: await cheapSpec(request, "", REGION), count: 2 }] } });
    expect(created.status(), await created.text()).toBe(202);
    mci = (await waitForMci(request, "", (await created.json()).id, (m) => m.status === "Running")) as unknown as MciWithHistory;
    hook = await startWebhookReceiver();
  });

  test.afterAll(async () => {
    await hook?.close();
  });

  test("pushed line protocol reads back exactly at the raw step and as avg and max at coarser steps", async ({ request }) => {
    const [a, b] = mci.vms;
    // One whole minute, five minutes ago, on the minute.
    const minute = Math.floor(Date.now() / 60_000) * 60 - 300;
    const values = [12.5, 40, 33.25, 90, 7, 55];
    const body = ["# two VMs, named by id and by public IP", ...values.map((v, i) => `cpu,vm=${a.id} cpu_utilization=${v},mem_utilization=${v / 2} ${minute + i * 10}`), ...values.map((v, i) => `cpu,host=${b.publicIp} cpu_utilization=${Math.floor(v) + 1}i ${minute + i * 10}`)].join("\n");
    const res = await write(request, body);
    expect(res.status(), await res.text()).toBe(204);
    expect(res.headers()["x-barista-lines-accepted"]).toBe("12");
    expect(res.headers()["x-barista-samples"]).toBe("18");

    const range = { from: String(minute * 1000), to: String((minute + 60) * 1000) };
    const raw = await metrics(request, { vm: a.id, metric: "cpu_utilization", ...range, step: "10" });
    expect(raw.series).toEqual([{ vm: a.id, name: a.name, points: values.map((v, i) => [(minute + i * 10) * 1000, v]) }]);
    const avg = await metrics(request, { vm: a.id, metric: "cpu_utilization", ...range, step: "60" });
    expect(avg.series[0].points).toHaveLength(1);
    expect(avg.series[0].points[0][0]).toBe(minute * 1000);
    expect(avg.series[0].points[0][1]).toBeCloseTo(values.reduce((s, v) => s + v, 0) / 6, 9);
    const max = await metrics(request, { vm: b.id, metric: "cpu_utilization", ...range, step: "60", agg: "max" });
    expect(max.series[0].points).toEqual([[minute * 1000, 91]]);
    const mem = await metrics(request, { vm: a.id, metric: "mem_utilization", ...range, step: "30", agg: "min" });
    expect(mem.series[0].points).toEqual([
      [minute * 1000, 6.25],
      [(minute + 30) * 1000, 3.5],
    ]);

    const perVm = await metrics(request, { mci: mci.id, metric: "cpu_utilization", ...range, step: "60" });
    expect(perVm.series.map((s) => s.vm).sort()).toEqual([a.id, b.id].sort());
    const combined = await metrics(request, { mci: mci.id, metric: "cpu_utilization", ...range, step: "60", agg: "max", combine: "max" });
    expect(combined.series).toEqual([{ combine: "max", vms: 2, points: [[minute * 1000, 91]] }]);
    const down = await metrics(request, { vm: a.id, metric: "cpu_utilization", ...range, step: "10", maxPoints: "3" });
    expect(down.series[0].points).toHaveLength(3);
  });

  test("a partly bad batch keeps its good lines and names the bad ones", async ({ request }) => {
    const [a] = mci.vms;
    const t = Math.floor(Date.now() / 10_000) * 10 - 600;
    const res = await write(request, [`cpu,vm=${a.id} kb_read=5 ${t}`, `cpu,vm=${a.id} kb_read=oops ${t}`, `cpu,vm=vm-does-not-exist kb_read=1 ${t}`, `cpu,vm=${a.id} kb_written=6u ${t}`].join("\n"));
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3]);
    expect(body.error).toMatch(/^line 2: .*oops/);
    expect(body.error).toContain('unknown VM "vm-does-not-exist"');
    expect(body.error).toContain("2 line(s) accepted");
    const kept = await metrics(request, { vm: a.id, metric: "kb_written", from: String(t * 1000), to: String(t * 1000 + 10_000), step: "10" });
    expect(kept.series[0].points).toEqual([[t * 1000, 6]]);
  });

  test("accepts gzip bodies and nanosecond timestamps by default, as Telegraf sends them", async ({ request }) => {
    const [a] = mci.vms;
    const ms = (Math.floor(Date.now() / 10_000) - 90) * 10_000;
    const res = await request.post("/api/v1/metrics/write?db=telegraf", {
      data: gzipSync(`disk,vm=${a.id},path=/ disk_utilization=61.5,free=123i,mode="rw" ${ms}000000\n`),
      headers: { "content-type": "text/plain; charset=utf-8", "content-encoding": "gzip" },
    });
    expect(res.status(), await res.text()).toBe(204);
    const back = await metrics(request, { vm: a.id, metric: "disk_utilization", from: String(ms), to: String(ms + 10_000), step: "10", source: "agent" });
    expect(back.series[0].points).toEqual([[ms, 61.5]]);
  });

  test("queries are validated, naming the field", async ({ request }) => {
    const vm = mci.vms[0].id;
    expect((await metrics(request, { vm, metric: "cpu_utilization", step: "0" }, 400)).error).toMatch(/query\.step: step is a positive integer/);
    expect((await metrics(request, { vm, metric: "cpu_utilization", step: "abc" }, 400)).error).toMatch(/query\.step/);
    expect((await metrics(request, { vm, metric: "cpu", step: "10" }, 400)).error).toMatch(/query\.metric/);
    expect((await metrics(request, { vm, metric: "cpu_utilization", from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" }, 400)).error).toMatch(/query\.from: .*before to/);
    expect((await metrics(request, { vm, metric: "cpu_utilization", from: "now-30d", step: "10" }, 400)).error).toMatch(/query\.step: .*points per series; at most 10080/);
    expect((await metrics(request, { metric: "cpu_utilization" }, 400)).error).toMatch(/query\.vm: give exactly one of vm or mci/);
    expect((await metrics(request, { vm: "vm-nobody", metric: "cpu_utilization" }, 404)).error).toMatch(/vm-nobody/);
    const badPrecision = await request.post("/api/v1/metrics/write?precision=h", { data: "m f=1", headers: { "content-type": "text/plain" } });
    expect(badPrecision.status()).toBe(400);
    expect((await badPrecision.json()).error).toMatch(/query\.precision/);
  });

  test("the simulator's VMs report once running and stop when suspended", async ({ request }) => {
    test.setTimeout(150_000);
    const [a, b] = mci.vms;
    const cloud = (vm: string) => metrics(request, { vm, metric: "cpu_utilization", from: "now-15m", step: "10", source: "cloud" }).then((r) => r.series[0].points);
    await expect.poll(async () => (await cloud(a.id)).length, { timeout: 40_000, intervals: [1_000] }).toBeGreaterThan(0);
    const first = await cloud(a.id);
    expect(first.every(([, v]) => v >= 0 && v <= 100)).toBe(true);

    const r = await request.post(`/api/v1/ns/default/mci/${mci.id}/actions`, { data: { action: "suspend", vmIds: [a.id] } });
    expect(r.status(), await r.text()).toBe(202);
    const suspended = (await waitForMci(request, "", mci.id, (m) => m.vms.find((v) => v.id === a.id)!.status === "Suspended")) as unknown as MciWithHistory;
    const suspendedAt = Date.parse(suspended.vms.find((v) => v.id === a.id)!.history.filter((h) => h.status === "Suspending").at(-1)!.at);
    // Two collector passes later, the running VM has moved on and the suspended one has not.
    await expect.poll(async () => (await cloud(b.id)).at(-1)?.[0] ?? 0, { timeout: 60_000, intervals: [2_000] }).toBeGreaterThan(suspendedAt + 20_000);
    const after = await cloud(a.id);
    expect(after.length).toBeGreaterThanOrEqual(first.length);
    expect(after.at(-1)![0]).toBeLessThan(suspendedAt);
  });

  test("an alert rule fires and resolves, with events and webhook calls", async ({ request }) => {
    test.setTimeout(120_000);
    const vm = mci.vms[0]; // suspended by the test before: only what is pushed counts
    const bad = await request.post("/api/v1/alerts/rules", { data: { name: "x", metric: "cpu_utilization", agg: "avg", op: "=>", threshold: 1, forSeconds: 0, scope: { vm: vm.id } } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/body\.op/);
    const ghost = await request.post("/api/v1/alerts/rules", { data: { name: "x", metric: "cpu_utilization", agg: "avg", op: ">", threshold: 1, forSeconds: 0, scope: { vm: "vm-ghost" } } });
    expect(ghost.status()).toBe(404);

    const created = await request.post("/api/v1/alerts/rules", {
      data: { name: "hot", metric: "cpu_utilization", agg: "last", op: ">", threshold: 80, forSeconds: 0, windowSeconds: 30, scope: { vm: vm.id }, severity: "critical", webhookUrl: hook.url },
    });
    expect(created.status(), await created.text()).toBe(201);
    const rule = await created.json();
    expect(rule).toMatchObject({ name: "hot", scope: { vm: vm.id }, severity: "critical", firing: [] });

    expect((await write(request, `cpu,vm=${vm.id} cpu_utilization=93`)).status()).toBe(204);
    await expect.poll(() => hook.received.filter((h) => h.ruleId === rule.id).map((h) => h.state), { timeout: 40_000, intervals: [1_000] }).toEqual(["firing"]);
    expect((await (await request.get(`/api/v1/alerts/rules/${rule.id}`)).json()).firing).toEqual([vm.id]);

    expect((await write(request, `cpu,vm=${vm.id} cpu_utilization=12`)).status()).toBe(204);
    await expect.poll(() => hook.received.filter((h) => h.ruleId === rule.id).map((h) => h.state), { timeout: 40_000, intervals: [1_000] }).toEqual(["firing", "resolved"]);
    const fired = hook.received.find((h) => h.ruleId === rule.id && h.state === "firing")!;
    expect(fired).toMatchObject({ vm: vm.id, value: 93, mci: mci.id, severity: "critical", metric: "cpu_utilization" });

    const events = (await (await request.get(`/api/v1/alerts/events?ruleId=${rule.id}`)).json()) as AlertEvent[];
    expect(events.map((e) => [e.state, e.value, e.vm])).toEqual([
      ["resolved", 12, vm.id],
      ["firing", 93, vm.id],
    ]);
    const byMci = (await (await request.get(`/api/v1/alerts/events?mci=${mci.id}`)).json()) as AlertEvent[];
    expect(byMci.map((e) => e.id)).toEqual(expect.arrayContaining(events.map((e) => e.id)));
    expect((await (await request.get(`/api/v1/alerts/events?mci=mci-elsewhere`)).json()) as AlertEvent[]).toEqual([]);

    expect((await request.delete(`/api/v1/alerts/rules?id=${rule.id}`)).status()).toBe(204);
    expect((await request.delete(`/api/v1/alerts/rules/${rule.id}`)).status()).toBe(404);
    expect(((await (await request.get("/api/v1/alerts/rules")).json()) as { id: string }[]).map((r) => r.id)).not.toContain(rule.id);
  });

  test("the OpenAPI document describes the monitoring operations", async ({ request }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    for (const p of ["/api/v1/metrics", "/api/v1/metrics/write", "/api/v1/alerts/rules", "/api/v1/alerts/rules/{id}", "/api/v1/alerts/events"]) expect(doc.paths[p], p).toBeDefined();
    expect(Object.keys(doc.paths["/api/v1/alerts/rules"]).sort()).toEqual(["delete", "get", "post"]);
    expect(doc.paths["/api/v1/metrics/write"].post.requestBody.content["text/plain"]).toBeDefined();
    expect(doc.paths["/api/v1/metrics"].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["vm", "mci", "metric", "from", "to", "step", "agg", "combine", "maxPoints"]));
  });
});
