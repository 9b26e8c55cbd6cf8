import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { listImages, listProviders, listRegions, listSpecs } from "@/lib/catalogue";
import { ensureDefaultNamespace } from "@/lib/provisioning";
import { runtime } from "@/lib/server";
import { userDataDigest, type UserDataDigest } from "@/lib/store/user-data-digest";
import type { Endpoint } from "./endpoint";
import { ALL_ENDPOINTS } from "./endpoints";
import { arbitraryFromSchema, asText, hostileJsonBody, hostileLineProtocol, hostileString, type SchemaArbitraryContext } from "./hostile-input";
import { fillPath, loadServedEndpoints, type ServedEndpoint } from "./route-modules";
import { routeDatabase } from "./testing/route-database";

// Every operation of ALL_ENDPOINTS, through its real route module over a database file of this
// test's own, with hostile bodies, queries and path parameters (fast-check). Whatever comes in,
// the answer is never a 5xx the operation does not document, an error answer says what went
// wrong, a refused request leaves the users' data as it was, and nothing pollutes
// Object.prototype. BARISTA_FUZZ_SEED repeats a run; BARISTA_FUZZ_RUNS sets the runs per operation.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const { file, adminAuth } = routeDatabase("fuzz", { BARISTA_SIM_FAULTS: "off", BARISTA_WEBHOOK_ALLOW: undefined, BARISTA_ANONYMOUS_ROLE: undefined });

const SEED = Number(process.env.BARISTA_FUZZ_SEED ?? 20_260_301);
const RUNS = Number(process.env.BARISTA_FUZZ_RUNS ?? 12);

type Caller = "admin" | "viewer" | "nobody" | "forged";
interface FuzzRequest {
  caller: Caller;
  /** The credentials a forged caller sends: a made-up bearer token or session cookie. */
  forged?: Record<string, string>;
  params: Record<string, string>;
  query: [string, string][];
  body?: string;
  /** A Content-Encoding for a line-protocol body (gzip with bytes that are not gzip). */
  encoding?: string;
}
interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

let served: ServedEndpoint[] = [];
/** Answers by operation and status, printed at the end: a run that only ever met "400" tried little. */
const tally = new Map<string, Map<number, number>>();
let viewerToken = "";
let seededVms: string[] = ["nope"];

function served1(method: string, p: string): ServedEndpoint {
  const s = served.find((x) => x.ep.method === method && x.ep.path === p);
  if (!s) throw new Error(`no ${method} ${p}`);
  return s;
}

async function call(s: ServedEndpoint, req: FuzzRequest): Promise<Answer> {
  const url = new URL(`http://127.0.0.1:3000${fillPath(s.ep, req.params)}`);
  for (const [k, v] of req.query) url.searchParams.append(k, v);
  // Every HTTP/1.1 request names its host (Node refuses one that does not).
  const headers: Record<string, string> = { host: url.host };
  if (req.caller === "admin") headers.authorization = adminAuth.authorization;
  if (req.caller === "viewer") headers.authorization = `Bearer ${viewerToken}`;
  if (req.caller === "forged") Object.assign(headers, req.forged);
  const withBody = s.ep.method !== "GET" && req.body !== undefined;
  if (withBody) {
    headers["content-type"] = s.ep.rawBody?.contentType ?? "application/json";
    headers["content-length"] = String(Buffer.byteLength(req.body!));
    if (req.encoding) headers["content-encoding"] = req.encoding;
  }
  const r = await s.handler(new Request(url, { method: s.ep.method, headers, body: withBody ? req.body : undefined }), { params: Promise.resolve(req.params) });
  return { status: r.status, text: await r.text(), headers: r.headers };
}

async function seed(method: string, p: string, body: unknown, params: Record<string, string> = {}): Promise<unknown> {
  const a = await call(served1(method, p), { caller: "admin", params, query: [], body: body === undefined ? undefined : JSON.stringify(body) });
  if (a.status >= 300) throw new Error(`seeding ${method} ${p} answered ${a.status}: ${a.text}`);
  return a.text ? JSON.parse(a.text) : null;
}

/** Plausible values by parameter and field name, so that generated input reaches past "not found". */
let hints: SchemaArbitraryContext["hints"] = {};
/** Hints that differ for one operation ("from" is a region for latency, a time for metrics), and whole bodies that fit together. */
let opHints: Record<string, SchemaArbitraryContext["hints"]> = {};
let examples: Record<string, fc.Arbitrary<unknown>> = {};
const opKey = (ep: Endpoint) => `${ep.method} ${ep.path}`;
const hintsFor = (ep: Endpoint) => ({ ...hints, ...opHints[opKey(ep)] });

beforeAll(async () => {
  served = await loadServedEndpoints(ROOT);
  // What the server's start does for the API (the reconciler is left stopped: nothing changes behind the test's back).
  const rt = runtime();
  await ensureDefaultNamespace(rt.provisioning);
  rt.provisioning.installationId = await rt.stores.settings.installationId();
  await seed("POST", "/api/v1/namespaces", { name: "team" });
  const gcp = listRegions("gcp")[0];
  await seed("POST", "/api/v1/connections", { provider: "aws", region: "us-east-1" });
  await seed("POST", "/api/v1/connections", { provider: gcp.provider, region: gcp.region });
  await seed("POST", "/api/v1/credentials", { name: "fuzz-cred", provider: "aws", secrets: { accessKeyId: "AKIAFUZZ", secretAccessKey: "fuzz-secret-value" } });
  const specs = listSpecs("aws-us-east-1").slice(0, 3);
  const mci = (await seed("POST", "/api/v1/ns/{ns}/mci", { name: "web", subGroups: [{ name: "front", region: "aws-us-east-1", specId: specs[0].id, count: 2 }] }, { ns: "default" })) as { id: string; vms: { id: string }[] };
  const rule = (await seed("POST", "/api/v1/alerts/rules", { name: "hot", metric: "cpu_utilization", agg: "avg", op: ">", threshold: 90, forSeconds: 0, scope: { mci: mci.id } })) as { id: string };
  const user = (await seed("POST", "/api/v1/users", { name: "Ada", email: "ada@example.com", password: "a long enough password", role: "operator", namespaceRoles: { team: "viewer" } })) as { id: string };
  const token = (await seed("POST", "/api/v1/tokens", { name: "reader", role: "viewer" })) as { id: string; token: string };
  viewerToken = token.token;
  const vms = mci.vms.map((v) => v.id);
  seededVms = vms;
  const regionKeys = ["aws-us-east-1", `gcp-${gcp.region}`, listRegions("azure")[0].key, "aws-nowhere-1"];
  const c = fc.constantFrom;
  hints = {
    ns: c("default", "team", "nope", "constructor"),
    namespace: c("default", "team", "nope"),
    id: c(mci.id, rule.id, user.id, token.id, "nope"),
    name: c("web", "front", "aws-us-east-1", `gcp-${gcp.region}`, "fuzz-cred", "team", "nope"),
    key: c(...regionKeys),
    region: c("us-east-1", gcp.region, ...regionKeys),
    provider: c(...listProviders().map((p) => p.id), "ssh"),
    specId: c(...specs.map((s) => s.id), specs[0].name, "nope"),
    imageId: c(...listImages("aws-us-east-1").slice(0, 2).map((i) => i.id), "nope"),
    connection: c("aws-us-east-1", `gcp-${gcp.region}`, "nope"),
    credential: c("default", "fuzz-cred", "nope"),
    mci: c(mci.id, "nope"),
    vm: c(...vms, "nope"),
    vmIds: fc.array(c(...vms, "nope"), { minLength: 1, maxLength: 2 }),
    ruleId: c(rule.id, "nope"),
    subGroup: c("front", "nope"),
    email: c("ada@example.com", "grace@example.com"),
    password: c("a long enough password", "another long password", "short"),
    webhookUrl: c("http://127.0.0.1:9/hook", "http://169.254.169.254/latest", "http://[::ffff:127.0.0.1]/", "http://10.0.0.1/", "http://localhost/", "http://0x7f000001/", "https://user:pass@example.com/", "ftp://example.com/", "https://example.invalid/hook"),
    timeBudgetMs: fc.integer({ min: 10, max: 100 }),
    count: fc.integer({ min: 1, max: 3 }),
    add: fc.integer({ min: 1, max: 3 }),
    k: fc.integer({ min: 1, max: 4 }),
    from: c("aws-us-east-1", "37.56,126.97", "-90,180", "now-1h", "now-99999w", "0", "2026-01-01T00:00:00Z"),
    to: c(`gcp-${gcp.region}`, "1.5,2.5", "now", "8640000000000000", "2026-01-02T00:00:00Z"),
    step: c("10", "1", "60", "0", "3600", "999999999999"),
    // Whole parts that fit together, so that some creates and placements succeed.
    subGroups: fc.array(fc.record({ name: c("back", "edge", "front"), region: c("aws-us-east-1"), specId: c(...specs.map((s) => s.id)), count: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 2 }),
    scope: c({ mci: mci.id }, { namespace: "default" }, { vm: vms[0] }, { namespace: "team" }),
    candidates: fc.array(c(...regionKeys.slice(0, 3)), { minLength: 1, maxLength: 3 }),
    regions: fc.array(c(...regionKeys.slice(0, 3)), { minLength: 1, maxLength: 3 }),
    providers: fc.array(c("aws", "gcp", "azure"), { minLength: 1, maxLength: 2 }),
  };
  const times = { from: c("now-1h", "now-15m", "0", "2026-01-01T00:00:00Z", "now-99999w"), to: c("now", "now-5m", "8640000000000000", "2026-01-02T00:00:00Z") };
  opHints = {
    "GET /api/v1/metrics": { ...times, mci: c(mci.id), vm: c(...vms) },
    "GET /api/v1/audit": { from: c("2026-01-01T00:00:00Z", "1970-01-01T00:00:00+14:00"), to: c("2999-12-31T23:59:59Z") },
    "GET /api/v1/latency": { from: c("aws-us-east-1", "37.56,126.97", "-90,180", "91,0"), to: c(`gcp-${gcp.region}`, "1.5,2.5", "0,-180.0001") },
  };
  examples = {
    "POST /api/v1/connections": fc.record(
      { provider: c("aws"), region: c("us-west-2", "eu-west-1", "ap-northeast-2"), name: fc.stringMatching(/^[a-z][a-z0-9-]{1,20}$/), credential: c("default", "fuzz-cred") },
      { requiredKeys: ["provider", "region"] },
    ),
    "GET /api/v1/metrics": fc.record({ mci: c(mci.id), metric: c("cpu_utilization", "bytes_in"), step: c("60", "10"), from: c("now-1h"), combine: c("avg", "max") }, { requiredKeys: ["mci", "metric"] }),
  };
}, 60_000);

afterAll(async () => {
  // Printed on a run of one's own choosing (a seed or a run count set), to see what it reached.
  if (process.env.BARISTA_FUZZ_SEED || process.env.BARISTA_FUZZ_RUNS) {
    const lines = [...tally].map(([op, counts]) => `${op}: ${[...counts].sort(([a], [b]) => a - b).map(([st, n]) => `${st}×${n}`).join(" ")}`);
    console.info(`[fuzz] answers by operation (seed ${SEED}):\n${lines.join("\n")}`);
  }
});

type JsonSchema = Record<string, unknown>;
const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", reused: "inline" }) as JsonSchema;

/** One property's values as text (a query value, a path segment): shaped by its schema, or hostile. */
function textFor(ep: Endpoint, schema: JsonSchema, root: JsonSchema, key: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: arbitraryFromSchema(schema, { root, hints: hintsFor(ep) }, key).map(asText) }, { weight: 1, arbitrary: hostileString });
}

/** The object schema itself when zod wrote a named one as a reference into $defs. */
function objectSchema(schema: JsonSchema): JsonSchema {
  const ref = typeof schema.$ref === "string" ? /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1] : undefined;
  return ref ? (schema.$defs as Record<string, JsonSchema>)[ref] : schema;
}

function paramsFor(ep: Endpoint): fc.Arbitrary<Record<string, string>> {
  const names = [...ep.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const schema = ep.params ? jsonSchema(ep.params) : {};
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return fc.record(Object.fromEntries(names.map((n) => [n, textFor(ep, props[n] ?? {}, schema, n)])));
}

function queryFor(ep: Endpoint): fc.Arbitrary<[string, string][]> {
  // An operation that takes its body from the query reads the body's fields there.
  const source = ep.query ?? (ep.bodyFromQuery ? ep.body : undefined);
  const schema: JsonSchema = source ? jsonSchema(source) : { type: "object", properties: {} };
  const example = examples[opKey(ep)];
  const generated = arbitraryFromSchema(schema, { root: schema, hints: hintsFor(ep) });
  const shaped = (example && ep.query ? fc.oneof(generated, example) : generated).map((q): [string, string][] =>
    q && typeof q === "object" && !Array.isArray(q) ? Object.entries(q).map(([k, v]) => [k, asText(v)]) : [["q", asText(q)]],
  );
  // Now and then a parameter nobody reads, or one of those read sent again with a hostile value.
  const names = Object.keys(objectSchema(schema).properties ?? {});
  const extra = fc.tuple(names.length ? fc.oneof(fc.constantFrom(...names), hostileString) : hostileString, hostileString);
  return fc.tuple(shaped, fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(extra, { minLength: 1, maxLength: 2 }) })).map(([a, b]) => [...a, ...b]);
}

function bodyFor(ep: Endpoint, vmIds: string[]): fc.Arbitrary<string | undefined> {
  if (ep.rawBody) return hostileLineProtocol(vmIds);
  if (!ep.body) return fc.constant(undefined);
  const schema = jsonSchema(ep.body);
  const generated = arbitraryFromSchema(schema, { root: schema, hints: hintsFor(ep) });
  const example = examples[opKey(ep)];
  return hostileJsonBody(example ? fc.oneof(generated, example) : generated);
}

/** What a header can carry (visible ASCII and spaces): made-up tokens and cookies. */
const headerText = fc.oneof(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 }), fc.constantFrom("", "x".repeat(20_000), "a.b.c", "%00", "undefined"));
const forgedCredentials: fc.Arbitrary<Record<string, string>> = fc.oneof(
  headerText.map((t) => ({ authorization: `Bearer ${t}` })),
  headerText.map((t) => ({ authorization: `Bearer brst_${t}` })),
  headerText.map((t) => ({ authorization: `Basic ${t}` })),
  fc.constantFrom({ authorization: "Bearer" }, { authorization: "Bearer  " }, { authorization: `Bearer ${"brst_".padEnd(48, "A")}` }),
  headerText.map((t) => ({ cookie: `barista.session_token=${t}` })),
  fc.tuple(headerText, headerText).map(([a, b]) => ({ cookie: `barista.session_token=${a}; barista.session_token=${b}; other=1` })),
  headerText.map((t) => ({ cookie: `barista.session_token=${encodeURIComponent(t)}.${"A".repeat(43)}%3D` })),
  // A cookie, with the host a proxy says the browser addressed made up too.
  fc.tuple(headerText, headerText, fc.constantFrom("http", "https", "", "javascript", "a b")).map(([t, h, proto]) => ({
    cookie: `barista.session_token=${t}`,
    "x-forwarded-host": h,
    "x-forwarded-proto": proto,
  })),
  fc.tuple(headerText, headerText).map(([t, h]) => ({ cookie: `barista.session_token=${t}`, host: h })),
);

function requestFor(ep: Endpoint): fc.Arbitrary<FuzzRequest> {
  const vmIds = [...seededVms, "nope"];
  return fc.record({
    caller: fc.oneof(
      { weight: 12, arbitrary: fc.constant<Caller>("admin") },
      { weight: 1, arbitrary: fc.constant<Caller>("viewer") },
      { weight: 1, arbitrary: fc.constant<Caller>("nobody") },
      { weight: 1, arbitrary: fc.constant<Caller>("forged") },
    ),
    forged: forgedCredentials,
    params: paramsFor(ep),
    query: queryFor(ep),
    body: bodyFor(ep, vmIds),
    encoding: ep.rawBody ? fc.constantFrom(undefined, undefined, undefined, "gzip", "br") : fc.constant(undefined),
  });
}

function show(req: FuzzRequest): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} characters)` : s);
  return JSON.stringify({ ...req, params: Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, cut(v)])), query: req.query.map(([k, v]) => [cut(k), cut(v)]), body: req.body && cut(req.body) });
}

function changedTables(before: UserDataDigest, after: UserDataDigest): string[] {
  return Object.keys(before.tables).filter((t) => before.tables[t] !== after.tables[t]);
}

describe("a session cookie on a request whose host better-auth cannot read", () => {
  // HTTP/1.0 sends no Host, HTTP/1.1 may send an empty one, and a proxy may name its upstream with an
  // underscore: better-auth threw on each (a 500 on every route) until it was given a fallback.
  it.each([["no Host", {}], ["an empty Host", { host: "" }], ["a Host with an underscore", { host: "barista_app:3000" }], ["a Host of punctuation", { host: "{" }]])("is nobody with %s: 401, not 500", async (_, host) => {
    const s = served1("GET", "/api/v1/namespaces");
    const r = await s.handler(new Request("http://127.0.0.1:3000/api/v1/namespaces", { headers: { ...host, cookie: "barista.session_token=abc.def" } }), { params: Promise.resolve({}) });
    expect(r.status, await r.text()).toBe(401);
  });
});

describe("every operation, fuzzed with hostile input", () => {
  it(`finds a route module and handler for every operation (seed ${SEED}, ${RUNS} runs per operation)`, () => {
    // Printed so that a failing run can be repeated: BARISTA_FUZZ_SEED=<seed>.
    console.info(`[fuzz] seed ${SEED}, ${RUNS} runs per operation, ${served.length} operations`);
    expect(served.map((s) => `${s.ep.method} ${s.ep.path}`)).toEqual(ALL_ENDPOINTS.map((ep) => `${ep.method} ${ep.path}`));
  });

  it.each(ALL_ENDPOINTS.map((ep, i) => [`${ep.method} ${ep.path}`, i] as const))("%s", async (_, index) => {
    const s = served[index];
    const allowed5xx = new Set((s.ep.errors ?? []).filter((c) => c >= 500));
    await fc.assert(
      fc.asyncProperty(requestFor(s.ep), async (req) => {
        const before = userDataDigest(file);
        const a = await call(s, req);
        const counts = tally.get(`${s.ep.method} ${s.ep.path}`) ?? new Map<number, number>();
        tally.set(`${s.ep.method} ${s.ep.path}`, counts.set(a.status, (counts.get(a.status) ?? 0) + 1));
        const where = `${s.ep.method} ${s.ep.path} with ${show(req)} answered ${a.status}: ${a.text.slice(0, 500)}`;
        expect(a.status >= 500 && !allowed5xx.has(a.status), where).toBe(false);
        expect(Object.keys(Object.prototype), `Object.prototype polluted by ${where}`).toEqual([]);
        expect(({} as Record<string, unknown>).polluted, where).toBeUndefined();
        if ((req.caller === "nobody" || req.caller === "forged") && s.ep.access !== "public") expect(a.status, where).toBe(401);
        // The automation token is an admin: nothing is refused to it for its role.
        if (req.caller === "admin") expect(a.status === 401 || a.status === 403, where).toBe(false);
        if (a.status >= 400) {
          // An error says what went wrong (as `message` in InfluxDB 2.x's shape), unless the operation documents another body for it (health's 503).
          const body = JSON.parse(a.text) as { error?: unknown; message?: unknown };
          const said = body.error ?? body.message;
          if (!s.ep.errorBodies?.[a.status] || a.status === 400) expect(typeof said === "string" && said.length > 0, where).toBe(true);
          expect(a.text, where).not.toMatch(/\n\s+at \S+ \(|node_modules/);
          expect(a.text, where).not.toContain(ROOT);
          const after = userDataDigest(file);
          expect(changedTables(before, after), `a refused request changed data: ${where}`).toEqual([]);
        }
      }),
      { seed: SEED + index, numRuns: RUNS, endOnFailure: false },
    );
  }, 120_000);
});
