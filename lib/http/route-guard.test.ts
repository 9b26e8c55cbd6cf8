import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hashToken, type AuthDeps } from "@/lib/auth";
import type { Role, TokenRole } from "@/lib/core/roles";
import type { ApiTokenRepository, TokenWithUser } from "@/lib/store";
import { endpoint } from "./endpoint";
import { routeWith } from "./route";
import { TEST_AUTH_HEADERS, testGuard, testRoute } from "./testing";

// The guard of the route wrapper, driven with stand-ins for the token store and the session
// lookup: who may pass (401, 403 with namespace narrowing), which changes a cookie may make,
// which bodies are read (415), and what the audit log is told.

interface FakeUser {
  role: Role;
  namespaceRoles?: Record<string, Role>;
}

/** API tokens `brst_<name>` of a role, owned by a user (whose role caps the token's) or by nobody. */
function tokenStore(tokens: Record<string, { role: TokenRole; user?: FakeUser }>): ApiTokenRepository {
  const byHash = new Map<string, TokenWithUser>();
  for (const [name, t] of Object.entries(tokens)) {
    const user = t.user ? ({ id: `u-${name}`, email: `${name}@example.com`, role: t.user.role, namespaceRoles: JSON.stringify(t.user.namespaceRoles ?? {}) } as TokenWithUser["user"]) : null;
    const row = { id: `tok-${name}`, name, role: t.role, userId: user?.id ?? null, user, expiresAt: null, lastUsedAt: new Date() } as TokenWithUser;
    byHash.set(hashToken(`brst_${name}`), row);
  }
  return { byHash: async (h: string) => byHash.get(h) ?? null, touch: async () => undefined } as unknown as ApiTokenRepository;
}

/** better-auth's session lookup: the cookie `barista.session_token=<email>` is that user's session. */
function sessions(users: Record<string, FakeUser>): AuthDeps["auth"] {
  const getSession = async ({ headers }: { headers: Headers }) => {
    const email = /barista\.session_token=([^;]+)/.exec(headers.get("cookie") ?? "")?.[1];
    const u = email ? users[email] : undefined;
    if (!u) return null;
    return { user: { id: `u-${email}`, email, role: u.role, namespaceRoles: JSON.stringify(u.namespaceRoles ?? {}) }, session: { id: `s-${email}` } };
  };
  return { api: { getSession } } as unknown as AuthDeps["auth"];
}

const TOKENS = {
  viewer: { role: "viewer" },
  operator: { role: "operator" },
  agent: { role: "agent" },
  // An operator everywhere but in prod, where they only read.
  narrowed: { role: "operator", user: { role: "operator", namespaceRoles: { prod: "viewer" } } },
  // A narrowed role never widens: a viewer named admin of prod is still a viewer there.
  widened: { role: "viewer", user: { role: "viewer", namespaceRoles: { prod: "admin" } } },
  // An admin token of a user who is now only a viewer acts as a viewer.
  demoted: { role: "admin", user: { role: "viewer" } },
} as const;
const USERS: Record<string, FakeUser> = { "ada@example.com": { role: "operator", namespaceRoles: { prod: "viewer" } } };

function guarded(overrides: Partial<AuthDeps> = {}) {
  const guard = testGuard({ tokens: tokenStore(TOKENS), auth: sessions(USERS), ...overrides });
  return { guard, route: routeWith(() => guard) };
}

const bearer = (name: string) => ({ authorization: `Bearer brst_${name}` });
const cookie = (email: string) => ({ cookie: `barista.session_token=${email}`, host: "console.test" });
const JSON_TYPE = { "content-type": "application/json" };

const thingParams = z.object({ ns: z.string().regex(/^[a-z]+$/, "a namespace is lower-case letters"), id: z.string().regex(/^t-\d+$/, "an id looks like t-1") });
const changeThing = endpoint({
  method: "POST",
  path: "/api/v1/ns/{ns}/things/{id}",
  tag: "test",
  access: "operator",
  summary: "change a thing",
  params: thingParams,
  body: z.object({ count: z.number().int().min(1, "count is at least 1") }),
  status: 202,
});
const readThing = endpoint({ method: "GET", path: "/api/v1/ns/{ns}/things/{id}", tag: "test", access: "viewer", summary: "read a thing", params: thingParams });
const adminRead = endpoint({ method: "GET", path: "/api/v1/secrets-of-things", tag: "test", access: "admin", summary: "read what only admins read" });
const auditedRead = endpoint({ method: "GET", path: "/api/v1/ns/{ns}/things/{id}/key", tag: "test", access: "operator", audit: true, summary: "hand out a key", params: thingParams });
const writeSamples = endpoint({
  method: "POST",
  path: "/api/v1/samples",
  tag: "test",
  access: "agent",
  audit: false,
  summary: "write samples",
  rawBody: { contentType: "text/plain", description: "lines" },
  status: 204,
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function send(handler: Handler, method: string, params: Record<string, string>, headers: Record<string, string>, body?: string | Uint8Array) {
  const url = `http://console.test/api/v1/ns/${params.ns ?? "x"}/things/${params.id ?? "x"}`;
  // A server reads a body's length from the request line's headers; a Request made here has none unless told.
  const all: Record<string, string> = body === undefined ? { ...headers } : { "content-length": String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength), ...headers };
  // Bytes go as a Blob of no type, so that no Content-Type is filled in.
  return handler(new Request(url, { method, headers: all, body: typeof body === "string" || body === undefined ? body : new Blob([new Uint8Array(body)]) }), { params: Promise.resolve(params) });
}

describe("the route guard", () => {
  it("answers 401 to a caller without credentials before it looks at the params, the body or its type", async () => {
    const { guard, route } = guarded();
    let ran = false;
    const h = route(changeThing, async () => {
      ran = true;
      return {};
    });
    const anyone = await send(h, "POST", { ns: "NOT VALID", id: "nope" }, { "content-type": "text/plain" }, "{count:");
    expect(anyone.status).toBe(401);
    expect((await anyone.json()).error).toMatch(/^sign in, or send Authorization: Bearer <token>/);
    const unknown = await send(h, "POST", { ns: "NOT VALID", id: "nope" }, { ...bearer("forged"), ...JSON_TYPE }, "{}");
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error).toMatch(/bearer token is unknown, revoked or expired/);
    const noSession = await send(h, "POST", { ns: "NOT VALID", id: "nope" }, { ...cookie("eve@example.com"), ...JSON_TYPE }, "{}");
    expect(noSession.status).toBe(401);
    // A bad bearer token is refused even beside a good cookie: never silently ignored.
    const both = await send(h, "POST", { ns: "dev", id: "t-1" }, { ...bearer("forged"), ...cookie("ada@example.com"), ...JSON_TYPE }, '{"count":1}');
    expect(both.status).toBe(401);
    expect(ran).toBe(false);
    // Nobody to name: a 401 leaves no audit entry (a flood of them cannot fill the log).
    expect(guard.audited).toEqual([]);
  });

  it("answers 401 for reads too, and tells the first visitor of a new installation where to begin", async () => {
    const { route } = guarded({ state: { hasUsers: false }, users: { count: async () => 0 } as unknown as AuthDeps["users"] });
    const r = await send(route(readThing, async () => ({})), "GET", { ns: "dev", id: "t-1" }, {});
    expect(r.status).toBe(401);
    expect((await r.json()).error).toContain("no account exists yet: open the setup link");
  });

  it("answers 403 to a role that is not enough before it looks at the params", async () => {
    const { route } = guarded();
    const h = route(changeThing, async () => ({}));
    const viewer = await send(h, "POST", { ns: "NOT VALID", id: "nope" }, { ...bearer("viewer"), ...JSON_TYPE }, "{}");
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error).toBe('this needs the operator role in namespace "NOT VALID"; viewer is viewer');
    const agent = await send(route(readThing, async () => ({})), "GET", { ns: "dev", id: "t-1" }, bearer("agent"));
    expect(agent.status).toBe(403);
    const demoted = await send(route(adminRead, async () => ({})), "GET", {}, bearer("demoted"));
    expect(demoted.status).toBe(403);
    expect((await demoted.json()).error).toBe("this needs the admin role; demoted is viewer");
    // With the role, the same bad params are a 400 naming them.
    const operator = await send(h, "POST", { ns: "NOT VALID", id: "nope" }, { ...bearer("operator"), ...JSON_TYPE }, '{"count":1}');
    expect(operator.status).toBe(400);
    expect((await operator.json()).error).toMatch(/^params\.ns: a namespace is lower-case letters/);
  });

  it("narrows a user's role in the namespaces their namespace roles name, and never widens it", async () => {
    const { route } = guarded();
    const change = route(changeThing, async ({ params }) => ({ changed: params.ns }));
    const read = route(readThing, async ({ params }) => ({ read: params.ns }));
    const body = '{"count":1}';
    const inProd = await send(change, "POST", { ns: "prod", id: "t-1" }, { ...bearer("narrowed"), ...JSON_TYPE }, body);
    expect(inProd.status).toBe(403);
    expect((await inProd.json()).error).toBe('this needs the operator role in namespace "prod"; narrowed is viewer');
    expect((await send(change, "POST", { ns: "dev", id: "t-1" }, { ...bearer("narrowed"), ...JSON_TYPE }, body)).status).toBe(202);
    expect((await send(read, "GET", { ns: "prod", id: "t-1" }, bearer("narrowed"))).status).toBe(200);
    // The same narrowing for a signed-in user (from the console's own origin).
    const session = { ...cookie("ada@example.com"), origin: "http://console.test", ...JSON_TYPE };
    expect((await send(change, "POST", { ns: "prod", id: "t-1" }, session, body)).status).toBe(403);
    expect((await send(change, "POST", { ns: "dev", id: "t-1" }, session, body)).status).toBe(202);
    // "admin of prod" on a viewer changes nothing.
    expect((await send(change, "POST", { ns: "prod", id: "t-1" }, { ...bearer("widened"), ...JSON_TYPE }, body)).status).toBe(403);
    // The automation token and unowned tokens have no narrowing.
    expect((await send(change, "POST", { ns: "prod", id: "t-1" }, { ...TEST_AUTH_HEADERS, ...JSON_TYPE }, body)).status).toBe(202);
  });

  it("lets anonymous readers read, once an account exists, and change nothing", async () => {
    const { route } = guarded({ anonymousRole: "viewer" });
    expect((await send(route(readThing, async () => ({})), "GET", { ns: "dev", id: "t-1" }, {})).status).toBe(200);
    const change = await send(route(changeThing, async () => ({})), "POST", { ns: "dev", id: "t-1" }, JSON_TYPE, '{"count":1}');
    expect(change.status).toBe(403);
    expect((await change.json()).error).toContain("anonymous readers are viewer");
    expect((await send(route(adminRead, async () => ({})), "GET", {}, {})).status).toBe(403);
  });

  it("refuses a change made with a session cookie from another site, and lets tokens and reads through", async () => {
    const { route } = guarded();
    const change = route(changeThing, async () => ({ ok: true }));
    const body = '{"count":1}';
    const as = (extra: Record<string, string>) => send(change, "POST", { ns: "dev", id: "t-1" }, { ...cookie("ada@example.com"), ...JSON_TYPE, ...extra }, body);
    const evil = await as({ origin: "http://evil.example" });
    expect(evil.status).toBe(403);
    expect((await evil.json()).error).toMatch(/^a request from http:\/\/evil\.example may not change anything here/);
    expect((await as({ origin: "null" })).status).toBe(403);
    // A host that merely begins like the console's is another site.
    expect((await as({ origin: "http://console.test.evil.example" })).status).toBe(403);
    expect((await as({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await as({ "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await as({ origin: "http://console.test" })).status).toBe(202);
    expect((await as({ "sec-fetch-site": "same-origin" })).status).toBe(202);
    // Behind a proxy the forwarded host is the one the browser addressed.
    expect((await as({ host: "10.0.0.5:3000", "x-forwarded-host": "console.test", origin: "http://console.test" })).status).toBe(202);
    // A bearer token is never sent by a browser on its own: a foreign origin is fine.
    const token = await send(change, "POST", { ns: "dev", id: "t-1" }, { ...bearer("operator"), ...JSON_TYPE, origin: "http://evil.example", "sec-fetch-site": "cross-site" }, body);
    expect(token.status).toBe(202);
    // Reads change nothing, so a cross-site read with a cookie is answered (SameSite=Lax keeps the cookie off most of them anyway).
    const read = await send(route(readThing, async () => ({})), "GET", { ns: "dev", id: "t-1" }, { ...cookie("ada@example.com"), origin: "http://evil.example" });
    expect(read.status).toBe(200);
  });

  it("trusts the configured public URL as the console's origin", async () => {
    const { route } = guarded({ publicUrl: "https://barista.example.com" });
    const change = route(changeThing, async () => ({}));
    const headers = { ...cookie("ada@example.com"), ...JSON_TYPE, host: "127.0.0.1:3000" };
    expect((await send(change, "POST", { ns: "dev", id: "t-1" }, { ...headers, origin: "https://barista.example.com" }, '{"count":1}')).status).toBe(202);
    expect((await send(change, "POST", { ns: "dev", id: "t-1" }, { ...headers, origin: "http://barista.example.com" }, '{"count":1}')).status).toBe(403);
  });

  it("answers 415 to a body that is not of the type the operation reads, after the caller is known", async () => {
    const { route } = guarded();
    const change = route(changeThing, async () => ({}));
    const samples = route(writeSamples, async () => new Response(null, { status: 204 }));
    // Bytes, so that no Content-Type is filled in for a body sent without one.
    const post = (h: Handler, type: string | null, body: string, auth: Record<string, string> = TEST_AUTH_HEADERS) =>
      send(h, "POST", { ns: "dev", id: "t-1" }, { ...auth, ...(type ? { "content-type": type } : {}) }, new TextEncoder().encode(body));
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html", null]) {
      const r = await post(change, type, '{"count":1}');
      expect(r.status, String(type)).toBe(415);
      expect((await r.json()).error).toContain("send it as application/json with Content-Type: application/json");
    }
    expect((await (await post(change, null, '{"count":1}')).json()).error).toMatch(/^the body is of no declared type/);
    expect((await post(change, "application/json; charset=utf-8", '{"count":1}')).status).toBe(202);
    expect((await post(change, "application/merge-patch+json", '{"count":1}')).status).toBe(202);
    expect((await post(change, "text/plain", '{"count":1}', {})).status).toBe(401);
    // The line-protocol route reads text/plain and nothing else.
    expect((await post(samples, "application/json", '{"cpu":1}')).status).toBe(415);
    expect((await post(samples, "text/plain", "cpu,vm=x cpu_utilization=1")).status).toBe(204);
    expect((await post(samples, "text/plain", "cpu,vm=x cpu_utilization=1", bearer("agent"))).status).toBe(204);
    expect((await post(samples, "text/plain", "cpu,vm=x cpu_utilization=1", bearer("viewer"))).status).toBe(403);
  });

  it("audits every change, refused ones with their status, and no read unless the operation says so", async () => {
    const { guard, route } = guarded();
    const change = route(changeThing, async () => ({}));
    const body = '{"count":1}';
    await send(change, "POST", { ns: "dev", id: "t-1" }, { ...bearer("operator"), ...JSON_TYPE, "x-forwarded-for": "203.0.113.7, 10.0.0.1" }, body);
    await send(change, "POST", { ns: "prod", id: "t-2" }, { ...bearer("narrowed"), ...JSON_TYPE }, body);
    await send(change, "POST", { ns: "dev", id: "t-3" }, { ...bearer("operator"), "content-type": "text/plain" }, body);
    await send(change, "POST", { ns: "dev", id: "t-4" }, { ...bearer("operator"), ...JSON_TYPE }, '{"count":0}');
    await send(change, "POST", { ns: "dev", id: "t-5" }, { ...cookie("ada@example.com"), ...JSON_TYPE, origin: "http://evil.example" }, body);
    await send(route(readThing, async () => ({})), "GET", { ns: "dev", id: "t-1" }, bearer("operator"));
    await send(route(readThing, async () => ({})), "GET", { ns: "dev", id: "t-1" }, bearer("agent"));
    await send(route(adminRead, async () => ({})), "GET", {}, bearer("viewer"));
    await send(route(writeSamples, async () => new Response(null, { status: 204 })), "POST", {}, { ...bearer("agent"), "content-type": "text/plain" }, "cpu x=1");
    await send(route(auditedRead, async () => ({})), "GET", { ns: "dev", id: "t-1" }, bearer("operator"));
    await send(route(auditedRead, async () => ({})), "GET", { ns: "prod", id: "t-1" }, bearer("narrowed"));
    const action = "POST /api/v1/ns/{ns}/things/{id}";
    expect(guard.audited).toEqual([
      { actor: "operator", actorId: null, role: "operator", tokenId: "tok-operator", action, target: "/api/v1/ns/dev/things/t-1", source: "203.0.113.7", status: 202, result: "ok" },
      expect.objectContaining({ actor: "narrowed", actorId: "u-narrowed", role: "operator", tokenId: "tok-narrowed", action, target: "/api/v1/ns/prod/things/t-2", status: 403, result: expect.stringMatching(/^refused: this needs the operator role in namespace "prod"/) }),
      expect.objectContaining({ action, target: "/api/v1/ns/dev/things/t-3", status: 415, result: expect.stringMatching(/^refused: the body is "text\/plain"/) }),
      expect.objectContaining({ action, target: "/api/v1/ns/dev/things/t-4", status: 400, result: "refused: body.count: count is at least 1" }),
      expect.objectContaining({ actor: "ada@example.com", tokenId: null, action, target: "/api/v1/ns/dev/things/t-5", status: 403, result: expect.stringMatching(/^refused: a request from http:\/\/evil\.example/) }),
      expect.objectContaining({ action: "GET /api/v1/ns/{ns}/things/{id}/key", target: "/api/v1/ns/dev/things/t-1", status: 200, result: "ok" }),
      expect.objectContaining({ action: "GET /api/v1/ns/{ns}/things/{id}/key", actor: "narrowed", status: 403 }),
    ]);
  });

  it("lets a public operation through with no credentials and never opens the guard's stores", async () => {
    let opened = false;
    const route = routeWith(() => {
      opened = true;
      return testGuard();
    });
    const open = endpoint({ method: "GET", path: "/api/v1/ping", tag: "test", access: "public", summary: "ping" });
    const r = await route(open, async ({ principal }) => ({ principal }))(new Request("http://console.test/api/v1/ping"), { params: Promise.resolve({}) });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ principal: null });
    expect(opened).toBe(false);
    // testRoute is the same wrapper over testGuard: its token is the admin automation token.
    const admin = await testRoute(adminRead, async ({ principal }) => ({ kind: principal?.kind, role: principal?.role }))(new Request("http://console.test/x", { headers: TEST_AUTH_HEADERS }), { params: Promise.resolve({}) });
    expect(await admin.json()).toEqual({ kind: "automation", role: "admin" });
  });
});
