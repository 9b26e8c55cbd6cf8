import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listSpecs } from "@/lib/catalogue";
import { ALL_ENDPOINTS } from "@/lib/http/endpoints";
import { fillPath, loadServedEndpoints, type ServedEndpoint } from "@/lib/http/route-modules";
import { routeDatabase } from "@/lib/http/testing/route-database";
import { ensureDefaultNamespace } from "@/lib/provisioning";
import { runtime } from "@/lib/server";

// Secrets written through the API, searched for everywhere they must not be: every byte of every
// file beside the database (the file, its -wal and -shm, the metrics store), every line the server
// logged, every answer (body and headers) of every read of the API, and the audit log, including
// after requests that failed with a secret in them.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const { dir, adminToken: AUTOMATION } = routeDatabase("leak");

/** Values no other byte of the test could produce by chance. */
const SECRET = `cloud-secret-${randomBytes(12).toString("hex")}`;
const SSH_SECRET = `ssh-secret-${randomBytes(12).toString("hex")}`;
const PASSWORD = `password-${randomBytes(12).toString("hex")}`;
const NEW_PASSWORD = `password-${randomBytes(12).toString("hex")}`;
/** Sent in requests that fail: no answer, log line or audit entry may echo it. */
const REFUSED = `refused-secret-${randomBytes(12).toString("hex")}`;

/** The forms a value takes when a careless encoder writes it somewhere. */
function forms(value: string): string[] {
  const b = Buffer.from(value);
  return [value, b.toString("base64"), b.toString("base64url"), b.toString("hex"), JSON.stringify(value).slice(1, -1)];
}

const logged: string[] = [];
const answers: { what: string; text: string }[] = [];
let served: ServedEndpoint[] = [];
let tokenValue = "";
const ids: Record<string, string> = {};

interface Call {
  method: string;
  path: string;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  raw?: string;
}

async function call({ method, path: p, params = {}, query = "", body, raw }: Call): Promise<{ status: number; text: string }> {
  const s = served.find((x) => x.ep.method === method && x.ep.path === p);
  if (!s) throw new Error(`no ${method} ${p}`);
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const url = `http://127.0.0.1:3000${fillPath(s.ep, params)}${query}`;
  const headers: Record<string, string> = { host: "127.0.0.1:3000", authorization: `Bearer ${AUTOMATION}` };
  if (text !== undefined) Object.assign(headers, { "content-type": s.ep.rawBody?.contentType ?? "application/json", "content-length": String(Buffer.byteLength(text)) });
  const r = await s.handler(new Request(url, { method, headers, body: text }), { params: Promise.resolve(params) });
  // A stream (an MCI's watch) never ends by itself: its first event, the whole view, is what it answers.
  const answer = r.headers.get("content-type")?.startsWith("text/event-stream") ? await firstEvent(r) : await r.text();
  // Headers too: a secret must not ride out in a Location, a Content-Disposition or a custom header.
  answers.push({ what: `${method} ${url} → ${r.status}`, text: `${[...r.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${answer}` });
  return { status: r.status, text: answer };
}

/** A text/event-stream body up to the end of its first event; the stream is then let go. */
async function firstEvent(r: Response): Promise<string> {
  const reader = r.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("\n\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

async function ok(c: Call): Promise<unknown> {
  const r = await call(c);
  if (r.status >= 300) throw new Error(`${c.method} ${c.path} answered ${r.status}: ${r.text}`);
  return r.text ? JSON.parse(r.text) : null;
}

/** Every file the server keeps beside its database, byte for byte. */
function storedBytes(): Buffer {
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(path.join(dir, f))));
}

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a) ?? String(a))).join(" ")));
  }
  served = await loadServedEndpoints(ROOT);
  const rt = runtime();
  await ensureDefaultNamespace(rt.provisioning);
  rt.provisioning.installationId = await rt.stores.settings.installationId();

  // The secrets go in.
  await ok({ method: "POST", path: "/api/v1/credentials", body: { name: "aws-leak", provider: "aws", secrets: { accessKeyId: "AKIA-LEAK-PROBE", secretAccessKey: SECRET } } });
  await ok({ method: "POST", path: "/api/v1/credentials", body: { name: "ssh-leak", provider: "ssh", secrets: { username: "ops", privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${SSH_SECRET}\n-----END OPENSSH PRIVATE KEY-----\n` } } });
  const user = (await ok({ method: "POST", path: "/api/v1/users", body: { name: "Leak Probe", email: "probe@example.com", password: PASSWORD, role: "operator" } })) as { id: string };
  ids.user = user.id;
  await ok({ method: "PATCH", path: "/api/v1/users/{id}", params: { id: user.id }, body: { password: NEW_PASSWORD } });
  const token = (await ok({ method: "POST", path: "/api/v1/tokens", body: { name: "leak-probe", role: "operator" } })) as { id: string; token: string };
  tokenValue = token.token;
  ids.token = token.id;
  // The creation answer is the one place a token's value appears: set it aside.
  answers.pop();

  // Things that use them, so that reads have something to show.
  await ok({ method: "POST", path: "/api/v1/connections", body: { provider: "aws", region: "us-east-1", name: "aws-leak-use1", credential: "aws-leak" } });
  await ok({ method: "POST", path: "/api/v1/connections/{name}/verify", params: { name: "aws-leak-use1" } });
  const mci = (await ok({ method: "POST", path: "/api/v1/ns/{ns}/mci", params: { ns: "default" }, body: { name: "leak", subGroups: [{ connection: "aws-leak-use1", specId: listSpecs("aws-us-east-1")[0].id, count: 1 }] } })) as { id: string };
  ids.mci = mci.id;
  const rule = (await ok({ method: "POST", path: "/api/v1/alerts/rules", body: { name: "leak", metric: "cpu_utilization", agg: "avg", op: ">", threshold: 90, forSeconds: 0, scope: { mci: mci.id } } })) as { id: string };
  ids.rule = rule.id;

  // Requests that fail with a secret in them.
  const failing: Call[] = [
    { method: "POST", path: "/api/v1/credentials", body: { name: "aws-leak", provider: "aws", secrets: { accessKeyId: "AKIA-LEAK-PROBE", secretAccessKey: REFUSED } } },
    { method: "POST", path: "/api/v1/credentials", body: { name: "aws-half", provider: "aws", secrets: { secretAccessKey: REFUSED } } },
    { method: "POST", path: "/api/v1/credentials", body: { name: "aws-bad", provider: "aws", secrets: { "bad key": REFUSED } } },
    { method: "POST", path: "/api/v1/credentials", body: { name: "aws-bad", provider: "aws", secrets: { secretAccessKey: `${REFUSED}${"x".repeat(17 * 1024)}` } } },
    { method: "POST", path: "/api/v1/credentials", body: { name: "aws-bad", provider: "aws", secrets: { secretAccessKey: [REFUSED] } } },
    { method: "POST", path: "/api/v1/credentials", body: { name: "aws-bad", provider: "aws", secrets: REFUSED } },
    { method: "POST", path: "/api/v1/credentials", body: { name: "aws-bad", provider: "nope", secrets: { secretAccessKey: REFUSED } } },
    { method: "POST", path: "/api/v1/credentials", raw: `{"name":"aws-bad","provider":"aws","secrets":{"secretAccessKey":"${REFUSED}"` },
    { method: "POST", path: "/api/v1/credentials", raw: `{"name":"aws-bad","provider":"aws","secrets":{"secretAccessKey":"${REFUSED}"}} trailing` },
    { method: "POST", path: "/api/v1/users", body: { name: "X", email: "not-an-email", password: REFUSED } },
    { method: "POST", path: "/api/v1/users", body: { name: "X", email: "probe@example.com", password: REFUSED } },
    { method: "PATCH", path: "/api/v1/users/{id}", params: { id: "no-such-user" }, body: { password: REFUSED } },
    { method: "PATCH", path: "/api/v1/users/{id}", params: { id: user.id }, body: { password: REFUSED.slice(0, 9) } },
  ];
  for (const c of failing) {
    const r = await call(c);
    if (r.status < 400 || r.status >= 500) throw new Error(`${c.method} ${c.path} answered ${r.status}, not a refusal: ${r.text}`);
  }

  // Then every read of the API, and the audit log in both its forms.
  const paramsFor = (p: string): Record<string, string> => {
    const name = p.startsWith("/api/v1/credentials") ? "aws-leak" : p.startsWith("/api/v1/connections") ? "aws-leak-use1" : "front";
    return { ns: "default", key: "aws-us-east-1", name, id: p.startsWith("/api/v1/alerts") ? ids.rule : ids.mci };
  };
  for (const ep of ALL_ENDPOINTS.filter((e) => e.method === "GET")) await call({ method: "GET", path: ep.path, params: paramsFor(ep.path) });
  for (const query of ["?format=json&limit=5000", "?format=csv&limit=5000", "?target=credentials", "?actor=BARISTA_API_TOKEN&format=csv"]) await call({ method: "GET", path: "/api/v1/audit", query });
  await call({ method: "GET", path: "/api/v1/metrics", query: `?mci=${ids.mci}&metric=cpu_utilization` });
  await call({ method: "GET", path: "/api/v1/alerts/events", query: `?mci=${ids.mci}` });
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
});

describe("secrets written through the API", () => {
  it("answered every read of the API (a sanity check of the search itself)", () => {
    const reads = answers.filter((a) => a.what.startsWith("GET "));
    expect(reads.length).toBeGreaterThanOrEqual(ALL_ENDPOINTS.filter((e) => e.method === "GET").length);
    // The reads did show what was made: names, key names, fingerprints.
    const all = answers.map((a) => a.text).join("\n");
    for (const visible of ["aws-leak", "secretAccessKey", "privateKey", "probe@example.com", "leak-probe", "aws-leak-use1"]) expect(all).toContain(visible);
    expect(answers.some((a) => a.what.includes("format=csv") && a.text.includes("POST /api/v1/credentials"))).toBe(true);
  });

  it("are in no byte of the database, its -wal and -shm, or any other file beside it", () => {
    const bytes = storedBytes();
    expect(readdirSync(dir).length).toBeGreaterThanOrEqual(1);
    // The search sees what was written: names and key names are there in plain text.
    for (const plain of ["aws-leak", "secretAccessKey", "probe@example.com"]) expect(bytes.includes(plain), plain).toBe(true);
    for (const secret of [SECRET, SSH_SECRET, PASSWORD, NEW_PASSWORD, REFUSED, tokenValue, AUTOMATION]) {
      for (const form of forms(secret)) expect(bytes.includes(form), `${secret.slice(0, 14)}… as ${form.slice(0, 20)}…`).toBe(false);
    }
  });

  it("are in no answer of the API, body or header, the refusals included", () => {
    for (const { what, text } of answers) {
      for (const secret of [SECRET, SSH_SECRET, PASSWORD, NEW_PASSWORD, REFUSED, tokenValue, AUTOMATION]) {
        for (const form of forms(secret)) expect(text.includes(form), `${what} holds ${secret.slice(0, 14)}…`).toBe(false);
      }
    }
  });

  it("are in no line the server logged", () => {
    const log = logged.join("\n");
    for (const secret of [SECRET, SSH_SECRET, PASSWORD, NEW_PASSWORD, REFUSED, tokenValue, AUTOMATION]) {
      for (const form of forms(secret)) expect(log.includes(form), secret.slice(0, 14)).toBe(false);
    }
  });

  it("are in no audit entry, while the audit log names each change and refusal", async () => {
    const r = await call({ method: "GET", path: "/api/v1/audit", query: "?limit=5000" });
    const entries = JSON.parse(r.text) as { action: string; target: string; result: string; status: number }[];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "POST /api/v1/credentials", target: "/api/v1/credentials/aws-leak", status: 201, result: "ok" }),
        expect.objectContaining({ action: "POST /api/v1/credentials", target: "/api/v1/credentials/aws-leak", status: 409 }),
        expect.objectContaining({ action: "POST /api/v1/credentials", target: "/api/v1/credentials", status: 400, result: expect.stringMatching(/^refused: body\.secrets/) }),
        expect.objectContaining({ action: "PATCH /api/v1/users/{id}", status: 200, result: "ok" }),
        expect.objectContaining({ action: "PATCH /api/v1/users/{id}", status: 400 }),
      ]),
    );
    const text = JSON.stringify(entries);
    for (const secret of [SECRET, SSH_SECRET, PASSWORD, NEW_PASSWORD, REFUSED, tokenValue, AUTOMATION]) expect(text.includes(secret), secret.slice(0, 14)).toBe(false);
  });
});
