import { gzipSync } from "node:zlib";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { cheapSpec } from "./support/api";

// What Telegraf's influxdb and influxdb_v2 outputs send, against the built server: InfluxDB's own
// paths are served at the root (not under /api/v1), pass the console's login redirect, and land
// their samples where GET /api/v1/metrics reads them.

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;
const UA = "Telegraf/1.36.1 Go/1.24.6";

test.describe.configure({ mode: "serial" });

test.describe("Telegraf's outputs", () => {
  let vm = "";
  let token = "";
  let tokenId = "";
  let telegraf: APIRequestContext;

  test.beforeAll(async ({ request }) => {
    const created = await request.post("/api/v1/ns/default/mci", { data: { name: `tele-${Date.now() % 1_000_000}`, subGroups: [{ region: "aws-us-east-1", specId: await cheapSpec(request, "", "aws-us-east-1"), count: 1 }] } });
    expect(created.status(), await created.text()).toBe(202);
    vm = ((await created.json()) as { vms: { id: string }[] }).vms[0].id;
    const t = await request.post("/api/v1/tokens", { data: { name: "telegraf-e2e", role: "agent", expiresInDays: 1 } });
    expect(t.status(), await t.text()).toBe(201);
    ({ token, id: tokenId } = (await t.json()) as { token: string; id: string });
    // An agent's own client: none of the suite's admin headers.
    telegraf = await playwrightRequest.newContext({ extraHTTPHeaders: { "user-agent": UA } });
  });

  test.afterAll(async ({ request }) => {
    await telegraf?.dispose();
    if (tokenId) await request.delete(`/api/v1/tokens/${tokenId}`);
  });

  async function cpu(request: APIRequestContext, at: number): Promise<[number, number][]> {
    const r = await request.get(`/api/v1/metrics?vm=${vm}&metric=cpu_utilization&from=${at}&to=${at + 10_000}&step=10&source=agent`);
    expect(r.status()).toBe(200);
    return ((await r.json()) as { series: { points: [number, number][] }[] }).series[0]?.points ?? [];
  }

  test("influxdb (1.x): ping, CREATE DATABASE, then a gzipped write with basic auth", async ({ request }) => {
    expect((await telegraf.get(`${BASE}/ping`, { maxRedirects: 0 })).status()).toBe(204);
    expect((await telegraf.head(`${BASE}/ping`, { maxRedirects: 0 })).status()).toBe(204);
    const auth = `Basic ${Buffer.from(`telegraf:${token}`).toString("base64")}`;
    const q = await telegraf.post(`${BASE}/query`, { form: { q: 'CREATE DATABASE "telegraf"' }, headers: { authorization: auth }, maxRedirects: 0 });
    expect(q.status(), await q.text()).toBe(200);
    expect(await q.json()).toEqual({ results: [{ statement_id: 0 }] });
    const at = Math.floor(Date.now() / 10_000) * 10_000 - 600_000;
    const w = await telegraf.post(`${BASE}/write?db=telegraf`, {
      data: gzipSync(`cpu,cpu=cpu-total,vm=${vm} cpu_utilization=21.5,usage_idle=78.5 ${at}000000\n`),
      headers: { authorization: auth, "content-type": "text/plain; charset=utf-8", "content-encoding": "gzip" },
      maxRedirects: 0,
    });
    expect(w.status(), await w.text()).toBe(204);
    expect(await cpu(request, at)).toEqual([[at, 21.5]]);
  });

  test("influxdb (1.x) with u/p query parameters: no header, and still no trip to the login page", async ({ request }) => {
    const at = Math.floor(Date.now() / 10_000) * 10_000 - 590_000;
    const w = await telegraf.post(`${BASE}/write?db=telegraf&precision=s&u=telegraf&p=${token}`, { data: `cpu,vm=${vm} cpu_utilization=22.5 ${at / 1000}`, headers: { "content-type": "text/plain" }, maxRedirects: 0 });
    expect(w.status(), await w.text()).toBe(204);
    expect(await cpu(request, at)).toEqual([[at, 22.5]]);
    const refused = await telegraf.post(`${BASE}/write?db=telegraf`, { data: `cpu,vm=${vm} cpu_utilization=1`, headers: { "content-type": "text/plain" }, maxRedirects: 0 });
    expect(refused.status()).toBe(401);
    expect(Object.keys(await refused.json())).toEqual(["error"]);
  });

  test("influxdb_v2: a gzipped write with Authorization: Token", async ({ request }) => {
    const at = Math.floor(Date.now() / 10_000) * 10_000 - 580_000;
    const w = await telegraf.post(`${BASE}/api/v2/write?org=barista&bucket=telegraf`, {
      data: gzipSync(`cpu,vm=${vm} cpu_utilization=23.5 ${at}000000\n`),
      headers: { authorization: `Token ${token}`, "content-type": "text/plain; charset=utf-8", "content-encoding": "gzip" },
      maxRedirects: 0,
    });
    expect(w.status(), await w.text()).toBe(204);
    expect(await cpu(request, at)).toEqual([[at, 23.5]]);
    const wrong = await telegraf.post(`${BASE}/api/v2/write?bucket=telegraf`, { data: "cpu f=1", headers: { authorization: "Token brst_nope", "content-type": "text/plain" }, maxRedirects: 0 });
    expect(wrong.status()).toBe(401);
    expect(await wrong.json()).toEqual({ code: "unauthorized", message: expect.any(String) });
  });
});
