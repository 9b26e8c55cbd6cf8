import { gzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { listSpecs } from "@/lib/catalogue";
import { ensureDefaultNamespace } from "@/lib/provisioning";
import { runtime } from "@/lib/server";
import type { RouteHandler } from "./route-modules";
import { routeDatabase } from "./testing/route-database";

// Telegraf's influxdb and influxdb_v2 outputs, as their HTTP clients build the requests (method,
// path, query, headers, gzip, credentials), sent to the real route modules over a database of
// this test's own; the samples are read back through GET /api/v1/metrics.

const { adminToken: ADMIN } = routeDatabase("influx", { BARISTA_SIM_FAULTS: "off", BARISTA_ANONYMOUS_ROLE: undefined });

type Module = Record<string, RouteHandler>;
const routes: Record<string, Module> = {};
let agent = "";
let viewer = "";
let vmA = "";
let vmB = "";
/** A time on the 10-second grid an hour ago: inside the raw retention, so step 10 reads it exactly. */
const T0 = Math.floor(Date.now() / 10_000) * 10_000 - 3_600_000;

const TELEGRAF_UA = "Telegraf/1.36.1 Go/1.24.6";
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

async function call(module: string, method: string, url: string, init: { headers?: Record<string, string>; body?: string | Buffer; params?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { host: "barista:3000", ...init.headers };
  if (init.body !== undefined) headers["content-length"] ??= String(Buffer.byteLength(init.body));
  const body = typeof init.body === "string" || init.body === undefined ? init.body : new Uint8Array(init.body);
  const request = new Request(`http://barista:3000${url}`, { method, headers, body });
  return routes[module][method](request, { params: Promise.resolve(init.params ?? {}) });
}

async function admin(module: string, method: string, url: string, body?: unknown): Promise<unknown> {
  const r = await call(module, method, url, { headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${url} answered ${r.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** What Telegraf's influxdb output (1.x) sends: db in the query, basic auth, text/plain, gzip when content_encoding = "gzip". */
function telegrafV1(body: string, opts: { gzip?: boolean; password?: string; query?: string } = {}) {
  const headers: Record<string, string> = { "user-agent": TELEGRAF_UA, "content-type": "text/plain; charset=utf-8", authorization: basic("telegraf", opts.password ?? agent) };
  if (opts.gzip) headers["content-encoding"] = "gzip";
  return call("write", "POST", `/write?${opts.query ?? "db=telegraf"}`, { headers, body: opts.gzip ? gzipSync(body) : body });
}

/** What Telegraf's influxdb_v2 output sends: org and bucket in the query, Token auth, text/plain, gzip (its default). */
function telegrafV2(body: string, opts: { gzip?: boolean; token?: string; query?: string } = {}) {
  const headers: Record<string, string> = { "user-agent": TELEGRAF_UA, "content-type": "text/plain; charset=utf-8", authorization: `Token ${opts.token ?? agent}` };
  if (opts.gzip ?? true) headers["content-encoding"] = "gzip";
  return call("v2write", "POST", `/api/v2/write?${opts.query ?? "org=barista&bucket=telegraf"}`, { headers, body: (opts.gzip ?? true) ? gzipSync(body) : body });
}

/** The agent's samples of one VM's metric, [bucket start, value], at the raw 10-second step. */
async function samples(vm: string, metric: string, from: number, to: number): Promise<[number, number][]> {
  const a = (await admin("metrics", "GET", `/api/v1/metrics?vm=${vm}&metric=${metric}&from=${from}&to=${to}&step=10&source=agent`)) as { series: { points: [number, number][] }[] };
  return a.series[0]?.points ?? [];
}

const ns = (ms: number) => `${ms}000000`;

beforeAll(async () => {
  const load = async (name: string, file: string) => (routes[name] = (await import(/* @vite-ignore */ file)) as Module);
  await load("write", "@/app/write/route");
  await load("v2write", "@/app/api/v2/write/route");
  await load("query", "@/app/query/route");
  await load("ping", "@/app/ping/route");
  await load("metrics", "@/app/api/v1/metrics/route");
  await load("tokens", "@/app/api/v1/tokens/route");
  await load("connections", "@/app/api/v1/connections/route");
  await load("mci", "@/app/api/v1/ns/[ns]/mci/route");
  const rt = runtime();
  await ensureDefaultNamespace(rt.provisioning);
  rt.provisioning.installationId = await rt.stores.settings.installationId();
  await admin("connections", "POST", "/api/v1/connections", { provider: "aws", region: "us-east-1" });
  const spec = listSpecs("aws-us-east-1")[0];
  const mciCall = await call("mci", "POST", "/api/v1/ns/default/mci", {
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    params: { ns: "default" },
    body: JSON.stringify({ name: "web", subGroups: [{ name: "front", region: "aws-us-east-1", specId: spec.id, count: 2 }] }),
  });
  expect(mciCall.status, await mciCall.clone().text()).toBe(202);
  const mci = (await mciCall.json()) as { vms: { id: string }[] };
  [vmA, vmB] = mci.vms.map((v) => v.id);
  agent = ((await admin("tokens", "POST", "/api/v1/tokens", { name: "telegraf", role: "agent" })) as { token: string }).token;
  viewer = ((await admin("tokens", "POST", "/api/v1/tokens", { name: "reader", role: "viewer" })) as { token: string }).token;
}, 60_000);

describe("Telegraf's influxdb output (InfluxDB 1.x: POST /write)", () => {
  it("stores a gzipped batch sent with basic auth at its nanosecond timestamps, and answers 204 with no body", async () => {
    const t = T0;
    const body = [
      `cpu,cpu=cpu-total,vm=${vmA} cpu_utilization=37.5,usage_idle=62.5 ${t}000123`,
      `mem,vm=${vmA} mem_utilization=61.25,available=1234i ${ns(t + 10_000)}`,
      `system,host=web-1 uptime=42i,load1=0.5 ${ns(t)}`,
      "",
    ].join("\n");
    const r = await telegrafV1(body, { gzip: true });
    expect(r.status, await r.clone().text()).toBe(204);
    expect(await r.text()).toBe("");
    expect(r.headers.get("x-barista-samples")).toBe("2");
    // The line with no metric field (Telegraf's own system measurement) is ignored, not an error.
    expect(r.headers.get("x-barista-lines-ignored")).toBe("1");
    expect(await samples(vmA, "cpu_utilization", t, t + 20_000)).toEqual([[t, 37.5]]);
    expect(await samples(vmA, "mem_utilization", t, t + 20_000)).toEqual([[t + 10_000, 61.25]]);
  });

  it("takes the token as u/p query parameters and as a Token or Bearer header too", async () => {
    const t = T0 + 100_000;
    const sent = [
      await call("write", "POST", `/write?db=telegraf&u=telegraf&p=${agent}`, { headers: { "content-type": "text/plain; charset=utf-8" }, body: `cpu,vm=${vmA} cpu_utilization=1 ${ns(t)}` }),
      await call("write", "POST", "/write?db=telegraf", { headers: { "content-type": "text/plain", authorization: `Token ${agent}` }, body: `cpu,vm=${vmA} cpu_utilization=2 ${ns(t + 10_000)}` }),
      await call("write", "POST", "/write?db=telegraf", { headers: { "content-type": "text/plain", authorization: `Bearer ${agent}` }, body: `cpu,vm=${vmA} cpu_utilization=3 ${ns(t + 20_000)}` }),
    ];
    expect(sent.map((r) => r.status)).toEqual([204, 204, 204]);
    expect(await samples(vmA, "cpu_utilization", t, t + 30_000)).toEqual([[t, 1], [t + 10_000, 2], [t + 20_000, 3]]);
  });

  it("reads every precision InfluxDB 1.x takes (n, ns, u, us, µs, ms, s, m, h) in its own unit", async () => {
    // Whole hours, so that every unit down to h names the same instants exactly.
    const h0 = Math.floor(T0 / 3_600_000) * 3_600_000 - 48 * 3_600_000;
    const forms: [string, (ms: number) => string][] = [
      ["n", (ms) => `${ms}000000`],
      ["ns", (ms) => `${ms}000999`],
      ["u", (ms) => `${ms}000`],
      ["us", (ms) => `${ms}999`],
      ["µs", (ms) => `${ms}000`],
      ["ms", (ms) => `${ms}`],
      ["s", (ms) => `${ms / 1000}`],
      ["m", (ms) => `${ms / 60_000}`],
      ["h", (ms) => `${ms / 3_600_000}`],
    ];
    for (const [i, [precision, stamp]] of forms.entries()) {
      const at = h0 + i * 3_600_000;
      const r = await telegrafV1(`disk,vm=${vmB} disk_utilization=${i + 1} ${stamp(at)}`, { query: `db=telegraf&precision=${encodeURIComponent(precision)}` });
      expect(r.status, `${precision}: ${await r.clone().text()}`).toBe(204);
    }
    const points = await samples(vmB, "disk_utilization", h0, h0 + forms.length * 3_600_000);
    expect(points).toEqual(forms.map((_, i) => [h0 + i * 3_600_000, i + 1]));
  });

  it("answers bad input in InfluxDB 1.x's shape: a partial write stores the good lines", async () => {
    const t = T0 + 200_000;
    const r = await telegrafV1(`cpu,vm=${vmA} cpu_utilization=5 ${ns(t)}\ncpu,vm=${vmA} cpu_utilization="busy" ${ns(t)}\n`, { gzip: true });
    expect(r.status).toBe(400);
    const body = (await r.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error).toMatch(/^partial write: line 2: field cpu_utilization is a string/);
    expect(await samples(vmA, "cpu_utilization", t, t + 10_000)).toEqual([[t, 5]]);
    const none = await telegrafV1("cpu,vm=nope cpu_utilization=5", {});
    expect(((await none.json()) as { error: string }).error).toMatch(/^unable to parse: line 1: unknown VM "nope"/);
    const precision = await telegrafV1(`cpu,vm=${vmA} cpu_utilization=5`, { query: "db=telegraf&precision=fortnight" });
    expect(precision.status).toBe(400);
    expect(await precision.json()).toEqual({ error: expect.stringMatching(/precision is one of ns, us, µs, u, ms, s, n, m, h/) });
  });

  it("refuses JSON with 415 but reads line protocol labelled as a form (curl's default) or unlabelled, as InfluxDB does", async () => {
    const t = T0 + 300_000;
    const json = await call("write", "POST", "/write?db=x", { headers: { authorization: `Token ${agent}`, "content-type": "application/json" }, body: '{"cpu":1}' });
    expect(json.status).toBe(415);
    expect(Object.keys((await json.json()) as object)).toEqual(["error"]);
    const form = await call("write", "POST", "/write?db=x", { headers: { authorization: `Token ${agent}`, "content-type": "application/x-www-form-urlencoded" }, body: `cpu,vm=${vmB} cpu_utilization=7 ${ns(t)}` });
    expect(form.status, await form.clone().text()).toBe(204);
    const bare = await call("write", "POST", "/write?db=x", { headers: { authorization: `Token ${agent}` }, body: `cpu,vm=${vmB} cpu_utilization=8 ${ns(t + 10_000)}` });
    expect(bare.status, await bare.clone().text()).toBe(204);
    expect(await samples(vmB, "cpu_utilization", t, t + 20_000)).toEqual([[t, 7], [t + 10_000, 8]]);
  });

  it("answers 413 in its shape for a body over the limit, before reading it", async () => {
    const r = await call("write", "POST", "/write?db=x", { headers: { authorization: `Token ${agent}`, "content-type": "text/plain", "content-length": String(64 * 1024 * 1024) }, body: "cpu f=1" });
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ error: expect.stringContaining("send at most") });
  });
});

describe("Telegraf's influxdb_v2 output (InfluxDB 2.x: POST /api/v2/write)", () => {
  it("stores a gzipped batch sent with Authorization: Token at its nanosecond timestamps", async () => {
    const t = T0 + 400_000;
    const r = await telegrafV2(`cpu,cpu=cpu-total,vm=${vmB} cpu_utilization=12.5 ${t}000456\nnet,vm=${vmB},interface=eth0 bytes_in=2048u,bytes_out=1024i ${ns(t)}\n`);
    expect(r.status, await r.clone().text()).toBe(204);
    expect(await samples(vmB, "cpu_utilization", t, t + 10_000)).toEqual([[t, 12.5]]);
    expect(await samples(vmB, "bytes_in", t, t + 10_000)).toEqual([[t, 2048]]);
    expect(await samples(vmB, "bytes_out", t, t + 10_000)).toEqual([[t, 1024]]);
  });

  it("reads the precisions InfluxDB 2.x takes (ns, us, µs, u, ms, s) and refuses the 1.x-only ones in its shape", async () => {
    const t = T0 + 500_000;
    const forms: [string, (ms: number) => string][] = [
      ["ns", (ms) => `${ms}000000`],
      ["us", (ms) => `${ms}000`],
      ["µs", (ms) => `${ms}000`],
      ["u", (ms) => `${ms}000`],
      ["ms", (ms) => `${ms}`],
      ["s", (ms) => `${ms / 1000}`],
    ];
    for (const [i, [precision, stamp]] of forms.entries()) {
      const r = await telegrafV2(`mem,vm=${vmB} mem_utilization=${i + 10} ${stamp(t + i * 10_000)}`, { query: `org=o&bucket=b&precision=${encodeURIComponent(precision)}` });
      expect(r.status, `${precision}: ${await r.clone().text()}`).toBe(204);
    }
    expect(await samples(vmB, "mem_utilization", t, t + forms.length * 10_000)).toEqual(forms.map((_, i) => [t + i * 10_000, i + 10]));
    const h = await telegrafV2(`mem,vm=${vmB} mem_utilization=1 1`, { query: "bucket=b&precision=h" });
    expect(h.status).toBe(400);
    expect(await h.json()).toEqual({ code: "invalid", message: expect.stringContaining("precision is one of ns, us, µs, u, ms, s") });
  });

  it("answers a bad line in InfluxDB 2.x's shape, naming it, and stores the good ones", async () => {
    const t = T0 + 600_000;
    const r = await telegrafV2(`disk,vm=${vmA} disk_utilization=40 ${ns(t)}\ndisk,vm=${vmA} disk_utilization=oops ${ns(t)}\n`);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ code: "invalid", message: expect.stringMatching(/^line 2: field disk_utilization: "oops" is not a number/), line: 2 });
    expect(await samples(vmA, "disk_utilization", t, t + 10_000)).toEqual([[t, 40]]);
  });

  it("answers 413 with maxLength, so Telegraf splits the batch and sends it again", async () => {
    const r = await call("v2write", "POST", "/api/v2/write?bucket=b", { headers: { authorization: `Token ${agent}`, "content-type": "text/plain", "content-length": String(64 * 1024 * 1024) }, body: "cpu f=1" });
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ code: "request too large", message: expect.stringContaining("send at most"), maxLength: 32 * 1024 * 1024 });
  });
});

describe("who may write", () => {
  const line = () => `cpu,vm=${vmA} cpu_utilization=1`;

  it("accepts the agent token in every form on both routes", async () => {
    const forms: Record<string, string>[] = [{ authorization: `Token ${agent}` }, { authorization: `Bearer ${agent}` }, { authorization: basic("anyone", agent) }];
    for (const route of ["write", "v2write"]) {
      const target = route === "write" ? "/write?db=telegraf" : "/api/v2/write?bucket=telegraf";
      for (const headers of forms) {
        const r = await call(route, "POST", target, { headers: { ...headers, "content-type": "text/plain" }, body: line() });
        expect(r.status, `${route} ${JSON.stringify(headers)}: ${await r.clone().text()}`).toBe(204);
      }
      const q = await call(route, "POST", `${target}&u=telegraf&p=${agent}`, { headers: { "content-type": "text/plain" }, body: line() });
      expect(q.status, `${route} with u/p`).toBe(204);
    }
  });

  it("refuses a wrong, absent or unreadable token with 401 in each API's shape, and a cookie is not a credential here", async () => {
    const wrong = "brst_0000000000000000000000000000000000000000000";
    const v1Cases = [
      await telegrafV1(line(), { password: wrong }),
      await call("write", "POST", `/write?db=t&u=x&p=${wrong}`, { headers: { "content-type": "text/plain" }, body: line() }),
      await call("write", "POST", "/write?db=t", { headers: { "content-type": "text/plain" }, body: line() }),
      await call("write", "POST", "/write?db=t", { headers: { "content-type": "text/plain", authorization: "Basic not*base64" }, body: line() }),
      await call("write", "POST", "/write?db=t", { headers: { "content-type": "text/plain", cookie: "barista.session_token=abc.def" }, body: line() }),
    ];
    for (const r of v1Cases) {
      expect(r.status).toBe(401);
      expect(r.headers.has("www-authenticate")).toBe(false);
      const body = (await r.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(["error"]);
      expect(String(body.error)).not.toContain(wrong);
    }
    const v2 = await telegrafV2(line(), { token: wrong });
    expect(v2.status).toBe(401);
    expect(await v2.json()).toEqual({ code: "unauthorized", message: expect.stringMatching(/^the token is unknown, revoked or expired/) });
    const none = await call("v2write", "POST", "/api/v2/write?bucket=b", { headers: { "content-type": "text/plain" }, body: line() });
    expect(await none.json()).toEqual({ code: "unauthorized", message: expect.stringContaining("Authorization: Token <token>") });
  });

  it("refuses a viewer's token with 403: reading is not writing", async () => {
    const v1 = await telegrafV1(line(), { password: viewer });
    expect(v1.status).toBe(403);
    expect(await v1.json()).toEqual({ error: expect.stringMatching(/^this needs a metrics writer \(agent\)/) });
    const v2 = await telegrafV2(line(), { token: viewer });
    expect(v2.status).toBe(403);
    expect(await v2.json()).toEqual({ code: "forbidden", message: expect.stringMatching(/^this needs a metrics writer/) });
  });
});

describe("what Telegraf asks besides writes", () => {
  it("answers CREATE DATABASE (sent at start unless skip_database_creation) as done, and nothing else", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded", "user-agent": TELEGRAF_UA, authorization: basic("telegraf", agent) };
    const created = await call("query", "POST", "/query", { headers: form, body: new URLSearchParams({ q: 'CREATE DATABASE "telegraf"' }).toString() });
    expect(created.status, await created.clone().text()).toBe(200);
    expect(await created.json()).toEqual({ results: [{ statement_id: 0 }] });
    const select = await call("query", "POST", "/query", { headers: form, body: new URLSearchParams({ q: "SELECT * FROM cpu" }).toString() });
    expect(select.status).toBe(400);
    expect(await select.json()).toEqual({ error: expect.stringContaining("answers only CREATE DATABASE") });
    const anonymous = await call("query", "POST", "/query", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "q=CREATE+DATABASE+x" });
    expect(anonymous.status).toBe(401);
  });

  it("answers GET and HEAD /ping with 204 and no credentials", async () => {
    for (const method of ["GET", "HEAD"]) {
      const r = await call("ping", method, "/ping");
      expect(r.status, method).toBe(204);
    }
  });

  it("lets InfluxDB's paths past the console's login redirect, which still guards the pages", async () => {
    const { proxy } = await import("@/proxy");
    for (const p of ["/write?db=telegraf&u=t&p=x", "/query", "/ping"]) {
      const r = proxy(new NextRequest(`http://barista:3000${p}`, { method: p === "/ping" ? "GET" : "POST" }));
      expect(r.headers.get("location"), p).toBeNull();
      expect(r.headers.get("content-security-policy"), p).toBeNull();
    }
    expect(proxy(new NextRequest("http://barista:3000/mci")).headers.get("location")).toMatch(/\/login\?next=%2Fmci$/);
  });
});
