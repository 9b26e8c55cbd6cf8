import { readFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/server";

// Every operation of the OpenAPI document, tried without credentials and with a token of every
// role: the cases come from the document itself, so an operation added later is tried too.
// The policy the answers are held to is written out here, apart from the code that enforces it.

type Access = "public" | "viewer" | "operator" | "admin" | "agent";
type Caller = "viewer" | "operator" | "agent" | "admin";
const MAY: Record<Caller, Access[]> = {
  viewer: ["public", "viewer"],
  operator: ["public", "viewer", "operator", "agent"],
  agent: ["public", "agent"],
  admin: ["public", "viewer", "operator", "admin", "agent"],
};

interface Operation {
  method: string;
  path: string;
  access: Access | undefined;
  /** The body's media type, when the operation reads one. */
  bodyType: string | null;
  name: string;
}

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;
const ADMIN = process.env.BARISTA_API_TOKEN!;

/** Plausible path parameters: the namespace that always exists, a real region, ids and names that do not exist. */
function fill(p: string): string {
  const values: Record<string, string> = { ns: "default", id: "made-up-id-0", name: "nope", key: "aws-us-east-1" };
  return p.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "nope");
}

/** An error's words: `error`, or `message` in InfluxDB 2.x's shape (POST /api/v2/write). */
const said = (body: { error?: string; message?: string }) => body.error ?? body.message;

async function send(api: APIRequestContext, op: Operation, headers: Record<string, string> = {}) {
  const body = op.bodyType ? { data: op.bodyType === "application/json" ? "{}" : "", headers: { "content-type": op.bodyType, ...headers } } : { headers };
  return api.fetch(`${BASE}${fill(op.path)}`, { method: op.method, ...body, maxRedirects: 0 });
}

let operations: Operation[] = [];
const contexts: APIRequestContext[] = [];
const tokens: Partial<Record<Caller, APIRequestContext>> = {};
const tokenIds: string[] = [];

async function context(headers: Record<string, string>): Promise<APIRequestContext> {
  const c = await playwrightRequest.newContext({ extraHTTPHeaders: headers });
  contexts.push(c);
  return c;
}

test.beforeAll(async () => {
  const admin = await context({ authorization: `Bearer ${ADMIN}` });
  const doc = (await (await admin.get(`${BASE}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
  operations = Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([m, op]) => {
      const content = (op.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
      return { method: m.toUpperCase(), path: p, access: op["x-barista-access"] as Access | undefined, bodyType: content ? Object.keys(content)[0] : null, name: `${m.toUpperCase()} ${p}` };
    }),
  );
  tokens.admin = admin;
  for (const role of ["viewer", "operator", "agent"] as const) {
    const r = await admin.post(`${BASE}/api/v1/tokens`, { data: { name: `matrix-${role}`, role, expiresInDays: 1 } });
    expect(r.status(), await r.text()).toBe(201);
    const t = (await r.json()) as { id: string; token: string };
    tokenIds.push(t.id);
    tokens[role] = await context({ authorization: `Bearer ${t.token}` });
  }
});

test.afterAll(async () => {
  // The shared server's other specs find the tokens as they were.
  for (const id of tokenIds) await tokens.admin?.delete(`${BASE}/api/v1/tokens/${id}`);
  for (const c of contexts) await c.dispose();
});

test("the document lists at least the operations the README lists, each with the least role it needs", () => {
  const readme = readFileSync(path.resolve("README.md"), "utf8");
  const listed = new Set<string>();
  for (const row of readme.split("\n").filter((l) => l.startsWith("| `"))) {
    for (const m of row.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/api\/v1\/[^`?[\s]*)/g)) listed.add(`${m[1]} ${m[2]}`);
  }
  expect(listed.size, "the README's API table was not found").toBeGreaterThanOrEqual(30);
  const documented = new Set(operations.map((o) => o.name));
  for (const op of listed) expect(documented.has(op), `${op} is in the README but not in the OpenAPI document`).toBe(true);
  for (const op of operations) expect(["public", "viewer", "operator", "admin", "agent"], `${op.name} has no valid x-barista-access`).toContain(op.access);
  // Public operations are few, and named: anything else that turns public must be added here on purpose.
  expect(operations.filter((o) => o.access === "public").map((o) => o.name).sort()).toEqual(["GET /api/v1/health", "GET /api/v1/openapi.json", "GET /ping"]);
});

test("without credentials every operation but the public ones answers 401, before it looks at the target or the input", async () => {
  const anonymous = await context({});
  const wrong: string[] = [];
  for (const op of operations) {
    const r = await send(anonymous, op);
    const status = r.status();
    if (op.access === "public" ? status === 401 || status >= 500 : status !== 401) wrong.push(`${op.name} (${op.access}) answered ${status}: ${(await r.text()).slice(0, 200)}`);
    if (op.access !== "public" && status === 401) expect(said(await r.json()), op.name).toMatch(/sign in, or send Authorization: Bearer <token>/);
  }
  expect(wrong, wrong.join("\n")).toEqual([]);
  // Nor does a made-up token, or one that looks like ours, get further.
  const forged = await context({ authorization: "Bearer brst_0000000000000000000000000000000000000000000" });
  for (const op of operations.filter((o) => o.access !== "public")) expect((await send(forged, op)).status(), op.name).toBe(401);
});

test("a token of each role answers 403 where the role is not enough, and gets past the guard where it is", async () => {
  const wrong: string[] = [];
  for (const caller of ["viewer", "operator", "agent", "admin"] as const) {
    for (const op of operations) {
      const r = await send(tokens[caller]!, op);
      const status = r.status();
      const allowed = MAY[caller].includes(op.access!);
      // Allowed: anything but 401/403 (400 or 404 for the made-up input is fine), and never a 5xx.
      if (allowed ? status === 401 || status === 403 || status >= 500 : status !== 403) wrong.push(`${caller} → ${op.name} (${op.access}) answered ${status}: ${(await r.text()).slice(0, 200)}`);
      if (!allowed && status === 403) expect(said(await r.json()), `${caller} → ${op.name}`).toMatch(/^this needs /);
    }
  }
  expect(wrong, wrong.join("\n")).toEqual([]);
});

test("a JSON operation refuses other bodies with 415, and the metrics route refuses JSON", async () => {
  const admin = tokens.admin!;
  const json = operations.filter((o) => o.bodyType === "application/json");
  expect(json.length).toBeGreaterThan(10);
  for (const op of json) {
    const text = await admin.fetch(`${BASE}${fill(op.path)}`, { method: op.method, data: "{}", headers: { "content-type": "text/plain" } });
    expect(text.status(), `${op.name} with text/plain`).toBe(415);
    const form = await admin.fetch(`${BASE}${fill(op.path)}`, { method: op.method, form: { name: "x" } });
    expect(form.status(), `${op.name} with a form`).toBe(415);
  }
  expect((await (await admin.post(`${BASE}/api/v1/namespaces`, { data: "{}", headers: { "content-type": "text/plain" } })).json()).error).toContain("send it as application/json");
  const asJson = await admin.post(`${BASE}/api/v1/metrics/write`, { data: '{"cpu":1}', headers: { "content-type": "application/json" } });
  expect(asJson.status()).toBe(415);
  const lines = await admin.post(`${BASE}/api/v1/metrics/write`, { data: "# nothing but a comment\n", headers: { "content-type": "text/plain" } });
  expect(lines.status(), await lines.text()).toBe(204);
});

/** One request written by hand, for what no HTTP client sends: no Host, an empty one. The status line's code. */
function rawStatus(url: string, head: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${head}\r\n\r\n`));
    let answer = "";
    socket.on("data", (d) => (answer += d));
    socket.on("error", reject);
    socket.on("close", () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0)));
  });
}

test.describe("changes made with a session cookie", () => {
  // A server of its own: the user signed in here must not change the shared server's accounts.
  let server: OwnServer;
  test.beforeAll(async () => {
    server = await startOwnServer(3611, { DATABASE_URL: `file:./data/e2e/auth-matrix-${Date.now()}.db`, BARISTA_SIM_SPEED: "200", BARISTA_SIM_FAULTS: "off" });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("come only from the console's own origin; a bearer token may come from anywhere", async () => {
    const admin = await context({ authorization: `Bearer ${ADMIN}` });
    const made = await admin.post(`${server.url}/api/v1/users`, { data: { name: "Ada", email: "ada@example.com", password: "a long enough password", role: "operator" } });
    expect(made.status(), await made.text()).toBe(201);

    const browser = await context({});
    const signIn = await browser.post(`${server.url}/api/auth/sign-in/email`, { data: { email: "ada@example.com", password: "a long enough password" }, headers: { origin: server.url } });
    expect(signIn.status(), await signIn.text()).toBe(200);
    expect((await browser.storageState()).cookies.map((c) => c.name)).toContain("barista.session_token");
    const names = async () => ((await (await browser.get(`${server.url}/api/v1/namespaces`)).json()) as { name: string }[]).map((n) => n.name);

    const evil = await browser.post(`${server.url}/api/v1/namespaces`, { data: { name: "from-evil" }, headers: { origin: "http://evil.example" } });
    expect(evil.status()).toBe(403);
    expect((await evil.json()).error).toMatch(/^a request from http:\/\/evil\.example may not change anything here/);
    const crossSite = await browser.post(`${server.url}/api/v1/namespaces`, { data: { name: "cross-site" }, headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSite.status()).toBe(403);
    const nullOrigin = await browser.delete(`${server.url}/api/v1/connections/nope`, { headers: { origin: "null" } });
    expect(nullOrigin.status()).toBe(403);
    expect(await names()).not.toContain("from-evil");
    expect(await names()).not.toContain("cross-site");

    const own = await browser.post(`${server.url}/api/v1/namespaces`, { data: { name: "from-console" }, headers: { origin: server.url } });
    expect(own.status(), await own.text()).toBe(201);
    const sameOrigin = await browser.post(`${server.url}/api/v1/namespaces`, { data: { name: "same-origin" }, headers: { "sec-fetch-site": "same-origin" } });
    expect(sameOrigin.status(), await sameOrigin.text()).toBe(201);
    expect(await names()).toEqual(expect.arrayContaining(["from-console", "same-origin"]));

    // The refusals are in the audit log under the user's name.
    const audit = (await (await admin.get(`${server.url}/api/v1/audit?actor=ada@example.com`)).json()) as { action: string; status: number; result: string }[];
    expect(audit.filter((e) => e.status === 403).length).toBeGreaterThanOrEqual(3);
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: "POST /api/v1/namespaces", status: 201, result: "ok" })]));

    // A bearer token is never sent by a browser on its own: a foreign origin changes nothing for it.
    const token = await admin.post(`${server.url}/api/v1/namespaces`, { data: { name: "by-token" }, headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" } });
    expect(token.status(), await token.text()).toBe(201);

    // Signed out, the same cookie jar is nobody.
    const out = await browser.post(`${server.url}/api/auth/sign-out`, { data: {}, headers: { origin: server.url } });
    expect(out.status(), await out.text()).toBe(200);
    expect((await browser.get(`${server.url}/api/v1/namespaces`)).status()).toBe(401);
  });

  test("a cookie on a request whose Host the session library will not read is nobody (401), not a 500", async () => {
    const cookie = "Cookie: barista.session_token=made.up";
    expect(await rawStatus(server.url, `GET /api/v1/namespaces HTTP/1.0\r\n${cookie}`)).toBe(401);
    expect(await rawStatus(server.url, `GET /api/v1/namespaces HTTP/1.1\r\nHost: \r\n${cookie}\r\nConnection: close`)).toBe(401);
    expect(await rawStatus(server.url, `GET /api/v1/namespaces HTTP/1.1\r\nHost: barista_app:3000\r\n${cookie}\r\nConnection: close`)).toBe(401);
  });
});
