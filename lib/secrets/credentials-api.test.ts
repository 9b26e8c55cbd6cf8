import { existsSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { routeDatabase, type Handler } from "@/lib/http/testing/route-database";

// The real route modules over a database of this test's own: the path a request takes, from the
// route wrapper's validation through the vault to the file on disk.
// Requests come as the admin automation token, the way scripts call the API.
const { file, adminAuth: auth } = routeDatabase("vault-api");

let collection: { GET: Handler; POST: Handler };
let one: { GET: Handler; DELETE: Handler };
let connectionsRoute: { POST: Handler };
let namespacesRoute: { POST: Handler };
let sshKeyRoute: { GET: Handler };

const logged: string[] = [];
let sshKey = "";
beforeAll(async () => {
  collection = await import("@/app/api/v1/credentials/route");
  one = await import("@/app/api/v1/credentials/[name]/route");
  connectionsRoute = await import("@/app/api/v1/connections/route");
  namespacesRoute = await import("@/app/api/v1/namespaces/route");
  sshKeyRoute = await import("@/app/api/v1/ns/[ns]/ssh-key/route");
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" ")));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
});

const noParams = { params: Promise.resolve({}) };
const named = (name: string) => ({ params: Promise.resolve({ name }) });
const post = (body: unknown) => new Request("http://x/api/v1/credentials", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...auth } });
const get = () => new Request("http://x/api/v1/credentials", { headers: auth });

/** A secret no other byte of the test could produce by chance. */
const SECRET = `vault-probe-${randomBytes(12).toString("hex")}`;

function databaseBytes(): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

describe("the credentials API", () => {
  it("creates a credential (201) and answers its metadata, never its secret", async () => {
    const r = await collection.POST(post({ name: "aws-prod", provider: "aws", secrets: { accessKeyId: "AKIA-probe", secretAccessKey: SECRET } }), noParams);
    expect(r.status).toBe(201);
    const text = await r.text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({ name: "aws-prod", provider: "aws", keys: ["accessKeyId", "secretAccessKey"], fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), createdAt: expect.any(String) });
  });

  it("lists and shows it with keys and a fingerprint only", async () => {
    const list = await (await collection.GET(get(), noParams)).text();
    const shown = await (await one.GET(get(), named("aws-prod"))).text();
    for (const text of [list, shown]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("AKIA-probe");
    }
    expect(JSON.parse(list)).toEqual([JSON.parse(shown)]);
    expect(JSON.parse(shown)).toMatchObject({ name: "aws-prod", keys: ["accessKeyId", "secretAccessKey"] });
  });

  it("answers bad input with 400 naming the field, and never echoes a secret it was sent", async () => {
    const marker = `echo-probe-${randomBytes(8).toString("hex")}`;
    const bad = [
      { name: "aws-bad", provider: "aws", secrets: { "9bad key": marker } },
      { name: "aws-bad", provider: "aws", secrets: { accessKeyId: "AKIA-bad", secretAccessKey: marker + "x".repeat(17 * 1024) } },
      { name: "aws-bad", provider: "aws", secrets: { secretAccessKey: [marker] } },
      { name: "aws-bad", provider: "aws", secrets: marker },
      { name: "bad name!", provider: "aws", secrets: { secretAccessKey: marker } },
      { name: "aws-bad", provider: "nope", secrets: { secretAccessKey: marker } },
      { name: "aws-bad", provider: "aws", secrets: {} },
      { name: "aws-bad", provider: "aws", secrets: { accessKeyID: "AKIA-bad", secretAccessKey: marker } },
    ];
    const answers: string[] = [];
    for (const body of bad) {
      const r = await collection.POST(post(body), noParams);
      expect(r.status).toBe(400);
      answers.push(await r.text());
    }
    for (const text of answers) expect(text).not.toContain(marker);
    expect(JSON.parse(answers[0]).issues).toEqual([{ path: "body.secrets.9bad key", message: "a secret's key starts with a letter and uses letters, digits and underscores (at most 64), e.g. accessKeyId" }]);
    expect(JSON.parse(answers[1]).issues).toEqual([{ path: "body.secrets.secretAccessKey", message: "a secret's value has at most 16 KiB" }]);
    // An aws credential is told which of its keys is missing, and which one is not a key of AWS's.
    const holds = "an aws credential holds accessKeyId and secretAccessKey (and sessionToken for temporary keys)";
    expect(JSON.parse(answers[6]).issues).toEqual([
      { path: "body.secrets", message: "secrets holds 1 to 32 keys" },
      { path: "body.secrets", message: `accessKeyId is missing: ${holds}` },
      { path: "body.secrets", message: `secretAccessKey is missing: ${holds}` },
    ]);
    expect(JSON.parse(answers[7]).issues).toEqual([
      { path: "body.secrets", message: `accessKeyId is missing: ${holds}` },
      { path: "body.secrets.accessKeyID", message: `accessKeyID is not a key of aws credentials: ${holds}` },
    ]);
    expect(await (await collection.GET(get(), noParams)).json()).toHaveLength(1);
  });

  it("keeps a namespace's SSH key out of the credentials API and refuses the names kept for such keys", async () => {
    const ns = await namespacesRoute.POST(new Request("http://x/api/v1/namespaces", { method: "POST", body: JSON.stringify({ name: "team" }), headers: { "content-type": "application/json", ...auth } }), noParams);
    expect(ns.status).toBe(201);
    expect(await (await collection.GET(get(), noParams)).json()).toEqual([expect.objectContaining({ name: "aws-prod" })]);
    const r = await collection.POST(post({ name: "ns-team-ssh", provider: "ssh", secrets: { privateKey: "x" } }), noParams);
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatch(/^body\.name: names ns-…-ssh are kept for the namespaces' SSH keys/);
    expect((await one.GET(get(), named("ns-team-ssh"))).status).toBe(400);
    expect((await one.DELETE(new Request("http://x", { method: "DELETE", headers: auth }), named("ns-team-ssh"))).status).toBe(400);
    const key = await sshKeyRoute.GET(new Request("http://x/api/v1/ns/team/ssh-key", { headers: auth }), { params: Promise.resolve({ ns: "team" }) });
    expect(key.status).toBe(200);
    sshKey = await key.text();
    expect(sshKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
  });

  it("answers 409 while a connection uses the credential, then 204 once it is gone", async () => {
    const conn = await connectionsRoute.POST(new Request("http://x/api/v1/connections", { method: "POST", body: JSON.stringify({ provider: "aws", region: "us-east-1", name: "prod-use1", credential: "aws-prod" }), headers: { "content-type": "application/json", ...auth } }), noParams);
    expect(conn.status).toBe(201);
    const refused = await one.DELETE(new Request("http://x", { method: "DELETE", headers: auth }), named("aws-prod"));
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toContain('credential "aws-prod" is used by connection: prod-use1');
    const missing = await connectionsRoute.POST(new Request("http://x/api/v1/connections", { method: "POST", body: JSON.stringify({ provider: "aws", region: "us-east-1", name: "prod-2", credential: "aws-none" }), headers: { "content-type": "application/json", ...auth } }), noParams);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ issues: [{ path: "body.credential", message: 'credential "aws-none" is not in the vault; add it with POST /api/v1/credentials' }] });
  });

  it("writes the secret to no byte of the database file or its write-ahead log, and to no log line", () => {
    const bytes = databaseBytes();
    // The search can see what was written: the credential's name and ciphertext are there.
    expect(bytes.includes("aws-prod")).toBe(true);
    expect(bytes.includes("secretAccessKey")).toBe(true);
    for (const form of [SECRET, Buffer.from(SECRET).toString("base64"), Buffer.from(SECRET).toString("hex")]) expect(bytes.includes(form)).toBe(false);
    expect(logged.join("\n")).not.toContain(SECRET);
    // Nor the namespace's SSH private key: each line of its body is searched for (but the first,
    // the same "openssh-key-v1 none none" header for every key, and a short last line).
    const body = sshKey.split("\n").filter((l) => l.length >= 16 && !l.startsWith("-----")).slice(1);
    expect(body.length).toBeGreaterThan(2);
    for (const line of body) expect(bytes.includes(line)).toBe(false);
  });
});
