import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { isCloudError } from "@/lib/core/errors";
import { wrapCommand } from "@/lib/remote/remote-shell";
import { openSsh, type ExecResult, type SshConnection } from "@/lib/remote/ssh-client";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import { SettingsRepository } from "@/lib/store/settings";
import { PrismaSimStore } from "@/lib/store/sim-store";
import { tempDatabase } from "@/lib/store/testing";
import { generateSshKeyPair, type SshKeyPair } from "../../ssh-key";
import { SimCloud } from "../cloud";
import { simConfigFromEnv } from "../config";
import { SimDriver } from "../sim-driver";
import { SimSshServer } from "./server";

const temp = tempDatabase();
const clock = new ManualClock();
const cloud = new SimCloud(new PrismaSimStore(temp.prisma), simConfigFromEnv({ BARISTA_SIM_FAULTS: "off", BARISTA_SIM_SPEED: "200" }, clock));
const driver = new SimDriver({ name: "aws-us-east-1", driver: "sim", provider: "aws", region: "us-east-1", credential: "ssh-tests" }, cloud);
const settings = new SettingsRepository(temp.prisma);
let server: SimSshServer;
const keyA = generateSshKeyPair("a");
const keyB = generateSshKeyPair("b");
let net: { subnetId: string; securityGroupIds: string[]; specName: string; vcpu: number; imageId: string };

async function makeVm(name: string, key: SshKeyPair) {
  const pair = await driver.createKeyPair({ name: `key-${name}`, publicKey: key.publicKey });
  return driver.createVm({ name, keyPairId: pair.id, subnetId: net.subnetId, securityGroupIds: net.securityGroupIds, specName: net.specName, imageId: net.imageId });
}

async function login(vm: { id: string; name: string }, key: SshKeyPair, pins = memoryPins()): Promise<SshConnection> {
  const target = await driver.sshLogin({ id: vm.id, name: vm.name, publicIp: null, privateIp: null });
  return openSsh({ ...target, privateKey: key.privateKey }, { pins });
}

async function exec(c: SshConnection, command: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ExecResult & { out: string; err: string }> {
  let out = "";
  let err = "";
  const r = await c.exec(command, { ...opts, onStdout: (b) => (out += b.toString()), onStderr: (b) => (err += b.toString()) });
  return { ...r, out, err };
}

async function failure(p: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  return { code: isCloudError(e) ? e.code : e, message: e instanceof Error ? e.message : String(e) };
}

let vmA: Awaited<ReturnType<typeof makeVm>>;
let vmB: Awaited<ReturnType<typeof makeVm>>;
let conn: SshConnection;

beforeAll(async () => {
  expect(await failure(driver.sshLogin({ id: "i-x", name: "x", publicIp: null, privateIp: null }))).toMatchObject({ code: "Unavailable", message: expect.stringMatching(/not running/) });
  server = await SimSshServer.start({ cloud, keys: settings, livenessMs: 100 });
  cloud.ssh = server;
  const vnet = await driver.createVNet({ name: "net", cidr: "10.9.0.0/16", subnets: [{ name: "s", cidr: "10.9.0.0/20" }] });
  const sg = await driver.createSecurityGroup({ name: "sg", vNetId: vnet.id, rules: [] });
  const spec = (await driver.listSpecs()).find((s) => s.vcpu === 4)!;
  net = { subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], specName: spec.name, vcpu: spec.vcpu, imageId: (await driver.listImages())[0].id };
  vmA = await makeVm("web-a", keyA);
  vmB = await makeVm("web-b", keyB);
  clock.advance(60_000);
  conn = await login(vmA, keyA);
});

afterAll(async () => {
  conn?.close();
  await server?.stop();
  await temp.cleanup();
});

describe("simulator SSH: login", () => {
  it("answers each VM with its own key pair's key, and refuses another key", async () => {
    expect(await driver.sshLogin({ id: vmA.id, name: vmA.name, publicIp: null, privateIp: null })).toEqual({ host: "127.0.0.1", port: server.port, username: `ubuntu+${vmA.id}` });
    const b = await login(vmB, keyB);
    expect((await exec(b, "hostname")).out).toBe("web-b\n");
    b.close();
    expect(await failure(login(vmA, keyB))).toMatchObject({ code: "AuthFailed" });
    expect(await failure(openSsh({ host: "127.0.0.1", port: server.port, username: "root", privateKey: keyA.privateKey }, { pins: memoryPins() }))).toMatchObject({ code: "AuthFailed" });
  });

  it("is unreachable for a VM that does not exist, is creating, stopped or terminated", async () => {
    expect(await failure(login({ id: "i-nosuch", name: "x" }, keyA))).toMatchObject({ code: "Unavailable", message: expect.stringMatching(/closed the connection before login/) });
    const fresh = await makeVm("fresh", keyA);
    expect(await failure(login(fresh, keyA))).toMatchObject({ code: "Unavailable" });
    clock.advance(60_000);
    const c = await login(fresh, keyA);
    c.close();
    await driver.suspendVm(fresh.id);
    clock.advance(60_000);
    expect((await driver.getVm(fresh.id)).status).toBe("Suspended");
    expect(await failure(login(fresh, keyA))).toMatchObject({ code: "Unavailable" });
    await driver.terminateVm(fresh.id);
    clock.advance(60_000);
    expect(await failure(login(fresh, keyA))).toMatchObject({ code: "Unavailable" });
  });

  it("drops the connection of a VM that stops mid-command", async () => {
    const vm = await makeVm("doomed", keyA);
    clock.advance(60_000);
    const c = await login(vm, keyA);
    const running = exec(c, "sleep 30");
    await driver.terminateVm(vm.id);
    clock.advance(60_000);
    expect(await running).toMatchObject({ lostConnection: true, exitCode: null });
  });

  it("offers the same host key after a restart", async () => {
    const pins = memoryPins();
    (await login(vmA, keyA, pins)).close();
    const before = server.hostFingerprint;
    await server.stop();
    server = await SimSshServer.start({ cloud, keys: new SettingsRepository(temp.reopen()), port: server.port, livenessMs: 100 });
    cloud.ssh = server;
    expect(server.hostFingerprint).toBe(before);
    expect([...pins.pins.values()]).toEqual([before]);
    const again = await login(vmA, keyA, pins);
    expect((await exec(again, "whoami")).out).toBe("ubuntu\n");
    again.close();
    conn = await login(vmA, keyA);
  });
});

describe("simulator SSH: commands", () => {
  it("answers as the VM, with exit codes and stderr apart", async () => {
    expect(await exec(conn, "uname -s")).toMatchObject({ out: "Linux\n", exitCode: 0 });
    expect((await exec(conn, "hostname")).out).toBe("web-a\n");
    expect((await exec(conn, "nproc")).out).toBe(`${net.vcpu}\n`);
    expect(await exec(conn, "exit 3")).toMatchObject({ exitCode: 3, out: "", err: "" });
    expect(await exec(conn, "frobnicate --now")).toMatchObject({ exitCode: 127, out: "", err: "bash: frobnicate: command not found\n" });
    expect(await exec(conn, "echo out; echo err >&2; false")).toMatchObject({ out: "out\n", err: "err\n", exitCode: 1 });
  });

  it("runs the remote-command engine's wrapper, quotes and all", async () => {
    const cmd = `echo 'single' "double"; echo "it's"`;
    const wrapped = `exec timeout -s KILL 20 sh -c '${cmd.replace(/'/g, `'\\''`)}' barista-7`;
    expect(await exec(conn, wrapped)).toMatchObject({ out: "single double\nit's\n", exitCode: 0 });
    expect(await exec(conn, "exec timeout -s KILL 0.2 sh -c 'sleep 20' barista-8")).toMatchObject({ exitCode: 137 });
    expect(await exec(conn, "timeout 0.2 sleep 20")).toMatchObject({ exitCode: 124 });
  });

  it("ends a command at the client's timeout or cancel, and the host forgets what it did not finish", async () => {
    expect(await exec(conn, "sleep 20", { timeoutMs: 200 })).toMatchObject({ timedOut: true, exitCode: null });
    const abort = new AbortController();
    const running = exec(conn, "sleep 0.5; sudo apt-get install -y redis-server", { signal: abort.signal });
    setTimeout(() => abort.abort(), 100);
    expect(await running).toMatchObject({ cancelled: true, exitCode: null });
    await new Promise((r) => setTimeout(r, 800));
    expect(await exec(conn, "systemctl is-active redis-server")).toMatchObject({ out: "inactive\n", exitCode: 3 });
  });

  it("installs a package, and its service runs", async () => {
    expect(await exec(conn, "systemctl is-active nginx")).toMatchObject({ out: "inactive\n", exitCode: 3 });
    const install = await exec(conn, "sudo apt-get update && sudo apt-get install -y nginx");
    expect(install.exitCode).toBe(0);
    expect(install.out).toMatch(/us-east-1\.ec2\.archive\.ubuntu\.com[\s\S]*Setting up nginx/);
    expect(await exec(conn, "systemctl is-active nginx")).toMatchObject({ out: "active\n", exitCode: 0 });
    // The nginx recipe's health check, as the remote-command engine sends it.
    expect(await exec(conn, wrapCommand("health-1", "systemctl is-active --quiet nginx && curl -fsS -o /dev/null http://localhost/", 30))).toMatchObject({ exitCode: 0, out: "", err: "" });
    const other = await login(vmB, keyB);
    expect(await exec(other, "systemctl is-active nginx")).toMatchObject({ exitCode: 3 });
    other.close();
  });

  it("refuses an interactive shell with words", async () => {
    const shell = await new Promise<string>((resolve, reject) => {
      const client = (conn as unknown as { client: import("ssh2").Client }).client;
      client.shell(false, (e, stream) => {
        if (e) return reject(e);
        let text = "";
        stream.stderr.on("data", (b: Buffer) => (text += b.toString()));
        stream.on("close", () => resolve(text));
        stream.resume();
      });
    });
    expect(shell).toMatch(/runs commands only/);
  });
});

describe("simulator SSH: the disk", () => {
  it("keeps what commands changed across a restart of the server", async () => {
    const c = await login(vmB, keyB);
    expect(await exec(c, "echo kept > /home/ubuntu/note && sudo apt-get install -y nginx")).toMatchObject({ exitCode: 0 });
    c.close();
    await server.stop();
    server = await SimSshServer.start({ cloud, keys: settings, port: server.port, livenessMs: 100 });
    cloud.ssh = server;
    const again = await login(vmB, keyB);
    expect(await exec(again, "cat /home/ubuntu/note")).toMatchObject({ out: "kept\n", exitCode: 0 });
    expect(await exec(again, "systemctl is-active nginx")).toMatchObject({ out: "active\n", exitCode: 0 });
    again.close();
    conn = await login(vmA, keyA);
  });

  it("two servers on one database see each other's changes to a VM", async () => {
    // Another server: its own client on the database, its own simulator and SSH server.
    const otherCloud = new SimCloud(new PrismaSimStore(temp.reopen()), simConfigFromEnv({ BARISTA_SIM_FAULTS: "off", BARISTA_SIM_SPEED: "200" }, clock));
    const other = await SimSshServer.start({ cloud: otherCloud, keys: settings, livenessMs: 100 });
    try {
      const target = await driver.sshLogin({ id: vmB.id, name: vmB.name, publicIp: null, privateIp: null });
      const onOther = await openSsh({ ...target, port: other.port, privateKey: keyB.privateKey }, { pins: memoryPins() });
      const onFirst = await login(vmB, keyB);
      expect(await exec(onOther, "echo two > /home/ubuntu/shared")).toMatchObject({ exitCode: 0 });
      expect(await exec(onFirst, "cat /home/ubuntu/shared")).toMatchObject({ out: "two\n" });
      expect(await exec(onFirst, "echo one >> /home/ubuntu/shared")).toMatchObject({ exitCode: 0 });
      expect(await exec(onOther, "cat /home/ubuntu/shared")).toMatchObject({ out: "two\none\n" });
      onOther.close();
      onFirst.close();
    } finally {
      await other.stop();
    }
  });
});
