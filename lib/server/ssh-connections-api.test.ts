import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeDatabase, type Handler } from "@/lib/http/testing/route-database";
import { startTestHosts, type TestSshd } from "@/lib/remote/testing/sshd.mjs";

// The connections and credentials routes over a database of this test's own, with two real
// OpenSSH servers registered as an ssh connection: validation, verify and the 409s as a client sees them.
const { adminAuth: auth } = routeDatabase("ssh-api");

let connections: { GET: Handler; POST: Handler };
let connection: { GET: Handler; DELETE: Handler };
let verify: { POST: Handler };
let credentials: { POST: Handler };
let a: TestSshd;
let b: TestSshd;

beforeAll(async () => {
  [a, b] = await startTestHosts(2);
  connections = await import("@/app/api/v1/connections/route");
  connection = await import("@/app/api/v1/connections/[name]/route");
  verify = await import("@/app/api/v1/connections/[name]/verify/route");
  credentials = await import("@/app/api/v1/credentials/route");
});
afterAll(async () => {
  const { runtime } = await import("@/lib/server");
  runtime().ssh.closeAll();
  await a?.stop();
  await b?.stop();
});

const noParams = { params: Promise.resolve({}) };
const named = (name: string) => ({ params: Promise.resolve({ name }) });
const send = (url: string, body: unknown, method = "POST") => new Request(`http://x${url}`, { method, body: JSON.stringify(body), headers: { "content-type": "application/json", ...auth } });
const lab = () => ({
  name: "lab",
  provider: "ssh",
  driver: "ssh",
  region: "lab",
  credential: "lab-key",
  location: { latitude: 52.52, longitude: 13.4 },
  hosts: [
    { address: a.host, port: a.port, name: "lab-a" },
    { address: b.host, port: b.port },
  ],
});

async function issues(r: Response): Promise<{ path: string; message: string }[]> {
  expect(r.status).toBe(400);
  return (await r.json()).issues;
}

describe("ssh connections through the API", () => {
  it("asks an ssh credential for username and privateKey, naming what is missing and never echoing a value", async () => {
    const missing = await credentials.POST(send("/api/v1/credentials", { name: "lab-key", provider: "ssh", secrets: { username: a.username } }), noParams);
    expect(await issues(missing)).toEqual([{ path: "body.secrets", message: "privateKey is missing: an ssh credential holds username and privateKey" }]);
    const marker = `not-a-key-${randomBytes(6).toString("hex")}`;
    const bad = await credentials.POST(send("/api/v1/credentials", { name: "lab-key", provider: "ssh", secrets: { username: a.username, privateKey: marker } }), noParams);
    const text = await bad.text();
    expect(bad.status).toBe(400);
    expect(text).not.toContain(marker);
    expect(text).toContain("body.secrets.privateKey");
    const ok = await credentials.POST(send("/api/v1/credentials", { name: "lab-key", provider: "ssh", secrets: { username: a.username, privateKey: a.privateKey } }), noParams);
    expect(ok.status).toBe(201);
  });

  it("answers bad ssh connections with 400 at the field to fix", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ driver: "sim" }, "body.driver", /provider ssh goes with driver ssh/],
      [{ provider: "aws", region: "us-east-1", location: undefined, hosts: undefined }, "body.provider", /driver ssh goes with provider ssh/],
      [{ location: undefined }, "body.location", /needs a location/],
      [{ hosts: [] }, "body.hosts", /at least one host/],
      [{ hosts: [{ address: "10.0.0.5" }, { address: "10.0.0.6", port: 22 }, { address: "10.0.0.5", port: 22 }] }, "body.hosts.2.address", /10\.0\.0\.5:22 is listed twice/],
      [{ hosts: Array.from({ length: 501 }, (_, i) => ({ address: `10.0.${i >> 8}.${i & 255}` })) }, "body.hosts", /at most 500 hosts/],
      [{ hosts: [{ address: "bad host!" }] }, "body.hosts.0.address", /host name or an IP address/],
      [{ hosts: [{ address: "10.0.0.5", port: 70000 }] }, "body.hosts.0.port", /1 to 65535/],
      [{ region: "my lab" }, "body.region", /a label of your own/],
      [{ location: { latitude: 95, longitude: 0 } }, "body.location.latitude", /at most 90/],
    ];
    for (const [patch, at, message] of cases) {
      const found = await issues(await connections.POST(send("/api/v1/connections", { ...lab(), ...patch }), noParams));
      expect(found.find((i) => i.path === at)?.message, `${at} for ${JSON.stringify(patch).slice(0, 80)}`).toMatch(message);
    }
    const cloudWithHosts = await issues(await connections.POST(send("/api/v1/connections", { provider: "aws", region: "us-east-1", hosts: [{ address: "10.0.0.5" }] }), noParams));
    expect(cloudWithHosts).toEqual([{ path: "body.hosts", message: expect.stringMatching(/hosts is for ssh connections/) }]);
    const wrongCredential = await issues(await connections.POST(send("/api/v1/connections", { ...lab(), credential: "default" }), noParams));
    expect(wrongCredential[0]).toMatchObject({ path: "body.credential" });
  });

  it("adds an ssh connection with its location and hosts, verifies every host, and shows which are free", async () => {
    const created = await connections.POST(send("/api/v1/connections", lab()), noParams);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      name: "lab",
      provider: "ssh",
      regionKey: "ssh-lab",
      location: { latitude: 52.52, longitude: 13.4 },
      hosts: expect.arrayContaining([
        { address: "127.0.0.1", port: a.port, name: "lab-a", free: true, vm: null, facts: null },
        { address: "127.0.0.1", port: b.port, name: `127.0.0.1:${b.port}`, free: true, vm: null, facts: null },
      ]),
    });
    const checked = await verify.POST(send("/api/v1/connections/lab/verify", {}), named("lab"));
    expect(checked.status).toBe(200);
    const answer = await checked.json();
    expect(answer).toMatchObject({ ok: true, code: null, message: expect.stringMatching(/all 2 hosts answered/) });
    expect(answer.hosts).toHaveLength(2);
    for (const h of answer.hosts) expect(h).toMatchObject({ ok: true, facts: { vcpu: expect.any(Number), memoryGiB: expect.any(Number), os: expect.any(String) } });
    const shown = await (await connection.GET(send("/api/v1/connections/lab", undefined, "GET"), named("lab"))).json();
    expect(shown.verifyOk).toBe(true);
    expect(shown.hosts.every((h: { facts: unknown }) => h.facts !== null)).toBe(true);
    const listed = await (await connections.GET(send("/api/v1/connections", undefined, "GET"), noParams)).json();
    expect(listed.find((c: { name: string }) => c.name === "lab").hosts).toHaveLength(2);
  });

  it("refuses to remove a connection while a VM holds one of its hosts (409), and removes it once free", async () => {
    const { runtime } = await import("@/lib/server");
    const hosts = runtime().stores.sshHosts;
    const claim = { subnetId: "s", vNetId: "v", securityGroupIds: [], keyPairId: "k", imageId: "" };
    const held = await hosts.claim("lab", { vmId: "ssh-00000000000000000001", clientToken: "vm-x", vmName: "web-1", tags: {}, claim, at: Date.now() });
    expect(held).not.toBeNull();
    const shown = await (await connection.GET(send("/api/v1/connections/lab", undefined, "GET"), named("lab"))).json();
    expect(shown.hosts.filter((h: { free: boolean }) => !h.free)).toEqual([expect.objectContaining({ vm: "web-1" })]);
    const refused = await connection.DELETE(new Request("http://x/api/v1/connections/lab", { method: "DELETE", headers: auth }), named("lab"));
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatch(/still lends 1 host to VMs: .*\(VM web-1\); terminate those VMs first/);
    await hosts.release("lab", "ssh-00000000000000000001");
    const removed = await connection.DELETE(new Request("http://x/api/v1/connections/lab", { method: "DELETE", headers: auth }), named("lab"));
    expect(removed.status).toBe(204);
    expect(await hosts.hosts("lab")).toEqual([]);
  });
});
