import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudError } from "@/lib/core/errors";
import { METRIC_NAMES } from "@/lib/core/metrics";
import { SshPool } from "@/lib/remote/ssh-pool";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import { startTestHosts, type TestSshd } from "@/lib/remote/testing/sshd.mjs";
import { stores } from "@/lib/store";
import { tempDatabase } from "@/lib/store/testing";
import type { CreateVmRequest } from "../types";
import { HostSampler, SAMPLE_INTERVAL_MS } from "./host-sampler";
import { SshDriver } from "./ssh-driver";
import { addSshConnection } from "./testing";

const temp = tempDatabase();
const s = stores(temp.prisma);
let a: TestSshd;
let b: TestSshd;
let pins: ReturnType<typeof memoryPins>;
let pool: SshPool;

beforeAll(async () => {
  [a, b] = await startTestHosts(2);
  await addSshConnection(s.connections, "lab", "lab-key", [a, b]);
  pins = memoryPins();
  pool = new SshPool({ pins, readyTimeoutMs: 3_000 });
});
afterAll(async () => {
  pool.closeAll();
  await a.stop();
  await b.stop();
  await temp.cleanup();
});

function driver(sampler?: HostSampler, secrets = () => ({ username: a.username, privateKey: a.privateKey })): SshDriver {
  return new SshDriver({ name: "lab", driver: "ssh", provider: "ssh", region: "lab", credential: "lab-key" }, { hosts: s.sshHosts, ssh: pool, secrets: async () => secrets() }, { sampler });
}

async function failure(p: Promise<unknown>): Promise<CloudError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(CloudError);
  return e as CloudError;
}

let base: Omit<CreateVmRequest, "name">;
beforeAll(async () => {
  const d = driver();
  const tags = { "barista-owner": "shared-test" };
  const vnet = await d.createVNet({ name: "net", cidr: "10.77.0.0/16", subnets: [{ name: "sub", cidr: "10.77.0.0/18" }], tags });
  const sg = await d.createSecurityGroup({ name: "sg", vNetId: vnet.id, rules: [], tags });
  const key = await d.createKeyPair({ name: "key", publicKey: a.publicKey, tags });
  base = { specName: "", imageId: "", subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id };
});

describe("the ssh driver over real OpenSSH hosts", () => {
  it("verifies every host and reports what each one is", async () => {
    const r = await driver().verify();
    expect(r.hosts.map((h) => [h.name, h.ok]).sort()).toEqual([["lab-1", true], ["lab-2", true]]);
    for (const h of r.hosts) expect(h.facts).toMatchObject({ vcpu: expect.any(Number), memoryGiB: expect.any(Number), arch: expect.any(String) });
    expect(r.hosts[0].facts!.vcpu).toBeGreaterThan(0);
    expect(r.message).toMatch(/all 2 hosts answered/);
    expect((await s.connections.get("lab")).hosts.every((h) => h.facts !== null && h.free)).toBe(true);
  });

  it("never lets two claims take one host, answers a repeated client token with the same VM, and frees hosts on terminate", async () => {
    const d = driver();
    const claims = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => d.createVm({ ...base, name: `vm-${i}`, clientToken: `tok-${i}`, tags: { "barista-owner": `vm-${i}` } })));
    const won = claims.flatMap((c) => (c.status === "fulfilled" ? [c.value] : []));
    const lost = claims.flatMap((c) => (c.status === "rejected" ? [c.reason as CloudError] : []));
    expect(won).toHaveLength(2);
    expect(new Set(won.map((v) => v.extra.hostId)).size).toBe(2);
    expect(won.every((v) => v.status === "Running")).toBe(true);
    expect(lost.map((e) => e.code)).toEqual(Array(4).fill("CapacityUnavailable"));
    expect(lost[0].message).toMatch(/lab has no free host/);

    // The same token again, twice at once: the same VM, no host taken from anyone.
    const first = won[0];
    const token = claims.findIndex((c) => c.status === "fulfilled");
    const again = await Promise.all([0, 1].map(() => d.createVm({ ...base, name: `vm-${token}`, clientToken: `tok-${token}` })));
    expect(again.map((v) => v.id)).toEqual([first.id, first.id]);
    expect((await d.listVms()).map((v) => v.id).sort()).toEqual(won.map((v) => v.id).sort());

    for (const v of won) expect((await d.terminateVm(v.id)).status).toBe("Terminated");
    expect((await d.terminateVm(first.id)).status).toBe("Terminated");
    expect(await d.listVms()).toEqual([]);
    expect((await s.connections.get("lab")).hosts.map((h) => h.free)).toEqual([true, true]);
  });

  it("logs in as the credential's user with its key, and refuses to power hosts off, on or to reboot them, in words", async () => {
    const d = driver();
    const vm = await d.createVm({ ...base, name: "words", clientToken: "words" });
    expect(await d.sshLogin(vm)).toEqual({ host: "127.0.0.1", port: expect.any(Number), username: a.username, privateKey: a.privateKey });
    const suspend = await failure(d.suspendVm(vm.id));
    expect([suspend.code, suspend.message]).toEqual(["NotSupported", expect.stringMatching(/cannot power hosts off/)]);
    expect((await failure(d.resumeVm(vm.id))).message).toMatch(/cannot power hosts on/);
    expect((await failure(d.rebootVm(vm.id))).message).toMatch(/does not reboot/);
    expect((await d.getVm(vm.id)).status).toBe("Running");
    await d.terminateVm(vm.id);
  });

  it("reads CPU, memory, disk and network from /proc of the host, at most every 10 s, with rates from consecutive reads", async () => {
    let now = Date.now();
    const sampler = new HostSampler(() => now);
    const d = driver(sampler);
    const vm = await d.createVm({ ...base, name: "metrics", clientToken: "metrics" });
    const ask = (metric: (typeof METRIC_NAMES)[number]) => d.getMetrics(vm.id, { metric, fromMs: now - 60_000, toMs: now + 60_000, stepSeconds: 10 });

    const first = await ask("mem_utilization");
    expect(first.points).toHaveLength(1);
    expect(first.points[0][1]).toBeGreaterThan(0);
    expect(first.points[0][1]).toBeLessThanOrEqual(100);
    // One read has no rate yet.
    expect((await ask("cpu_utilization")).points).toEqual([]);
    // Within the interval nothing is read again.
    now += SAMPLE_INTERVAL_MS - 1;
    expect((await ask("mem_utilization")).points).toHaveLength(1);

    now += 1;
    const cpu = (await ask("cpu_utilization")).points;
    expect(cpu).toHaveLength(1);
    expect(cpu[0][1]).toBeGreaterThanOrEqual(0);
    expect(cpu[0][1]).toBeLessThanOrEqual(100);
    for (const metric of ["bytes_in", "bytes_out", "kb_read", "kb_written"] as const) {
      const pts = (await ask(metric)).points;
      expect(pts, metric).toHaveLength(1);
      expect(pts[0][1], metric).toBeGreaterThanOrEqual(0);
    }
    const disk = (await ask("disk_utilization")).points;
    expect(disk).toHaveLength(2);
    expect(disk[1][1]).toBeGreaterThan(0);
    await d.terminateVm(vm.id);
  });

  it("answers Unavailable for the metrics of a host that cannot be reached, and verify says which host failed", async () => {
    const d = driver(new HostSampler());
    const [v1, v2] = [await d.createVm({ ...base, name: "x1", clientToken: "x1" }), await d.createVm({ ...base, name: "x2", clientToken: "x2" })];
    const onB = [v1, v2].find((v) => v.extra.port === b.port)!;
    await b.stop(true);
    pool.drop(b);
    try {
      const e = await failure(d.getMetrics(onB.id, { metric: "cpu_utilization", fromMs: Date.now() - 60_000, toMs: Date.now() + 1, stepSeconds: 10 }));
      expect(e.code).toBe("Unavailable");
      const r = await d.verify();
      expect(r.hosts.find((h) => h.port === a.port)!.ok).toBe(true);
      expect(r.hosts.find((h) => h.port === b.port)).toMatchObject({ ok: false, message: expect.stringMatching(/connect|closed|answer/) });
      expect(r.message).toMatch(/1 of 2 hosts answered; lab-2: /);
    } finally {
      await b.start();
      for (const v of [v1, v2]) await d.terminateVm(v.id);
    }
  });

  it("refuses a host whose key changed, and takes another free host instead", async () => {
    const d = driver();
    await d.verify();
    await b.stop();
    b.rotateHostKey();
    await b.start();
    pool.drop(b);
    const r = await d.verify();
    expect(r.hosts.find((h) => h.port === b.port)).toMatchObject({ ok: false, message: expect.stringMatching(/host key of 127\.0\.0\.1:\d+ changed/) });
    const vm = await d.createVm({ ...base, name: "picky", clientToken: "picky" });
    expect(vm.extra.port).toBe(a.port);
    const none = await failure(d.createVm({ ...base, name: "none", clientToken: "none" }));
    expect(none.code).toBe("CapacityUnavailable");
    expect(none.message).toMatch(/lab-2: the host key .* changed/);
    expect((await s.connections.get("lab")).hosts.map((h) => [h.port, h.free])).toContainEqual([a.port, false]);
    expect((await s.connections.get("lab")).hosts.map((h) => [h.port, h.free])).toContainEqual([b.port, true]);
    await d.terminateVm(vm.id);
    // The pin is forgotten (the host was rebuilt): it is taken again.
    pins.pins.delete(`127.0.0.1:${b.port}`);
    expect((await d.verify()).hosts.every((h) => h.ok)).toBe(true);
  });

  it("says what the credential lacks", async () => {
    const d = driver(undefined, () => ({ username: a.username, privateKey: "" }));
    const r = await d.verify();
    expect(r.hosts[0].message).toMatch(/credential "lab-key" holds no privateKey/);
  });
});
