import { describe, expect, it } from "vitest";
import { Interrupted, newVmState, type Host } from "./host-context";
import { osOf } from "./host-identity";
import { SimShell } from "./shell";
import { parseShell, ShellSyntaxError } from "./shell-parse";

const BOOT = Date.UTC(2026, 0, 1, 12, 0, 0);

function host(over: Partial<Host["identity"]> = {}, speed = 1000): Host {
  const { os, kernel } = osOf("Ubuntu 24.04", "aws", "x86_64");
  const identity = { vmId: "i-1", hostname: "web-1", provider: "aws", regionKey: "aws-us-east-1", machine: "x86_64" as const, kernel, os, vcpu: 4, memoryKiB: 16 * 1024 * 1024, diskKiB: 30 * 1024 * 1024, privateIp: "10.0.0.5", publicIp: "54.0.0.5", bootedAt: BOOT, ...over };
  return { identity, state: newVmState(BOOT), speed, now: () => BOOT + 3_725_000 };
}

async function run(line: string, h = host(), signal = new AbortController().signal) {
  let out = "";
  let err = "";
  const code = await new SimShell(h).run(line, { out: (t) => (out += t), err: (t) => (err += t), signal });
  return { code, out, err };
}

describe("the simulated host's shell parser", () => {
  it("reads quotes, escapes, operators and redirections", () => {
    const [a, b, c] = parseShell(`echo 'a  b' "c \\"d\\"" e\\ f >&2 && false || echo x 2>&1 >/dev/null`);
    expect(a.words.map((w) => w.map((p) => ("text" in p ? p.text : "")).join(""))).toEqual(["echo", "a  b", 'c "d"', "e f"]);
    expect(a.redirects).toEqual([{ fd: 1, toFd: 2 }]);
    expect([b.connector, c.connector]).toEqual(["&&", "||"]);
    expect(c.redirects).toEqual([{ fd: 2, toFd: 1 }, { fd: 1, toFile: "/dev/null", append: false }]);
  });

  it("refuses what it does not emulate, and broken lines, in words", () => {
    expect(() => parseShell("ls | wc -l")).toThrow(/pipes/);
    expect(() => parseShell("echo 'open")).toThrow(ShellSyntaxError);
    expect(() => parseShell("&& echo")).toThrow(/unexpected token/);
    expect(() => parseShell("echo $(whoami)")).toThrow(/command substitution/);
  });
});

describe("the simulated host's commands", () => {
  it("answers as the VM: uname, hostname, nproc, os-release, uptime", async () => {
    expect((await run("uname -s")).out).toBe("Linux\n");
    expect((await run("uname -snm")).out).toBe("Linux web-1 x86_64\n");
    expect((await run("uname -r")).out).toMatch(/^6\.8\.0-\d+-aws\n$/);
    expect((await run("uname -m", host({ machine: "aarch64" }))).out).toBe("aarch64\n");
    expect((await run("hostname")).out).toBe("web-1\n");
    expect((await run("nproc")).out).toBe("4\n");
    expect((await run("cat /etc/os-release")).out).toMatch(/^PRETTY_NAME="Ubuntu 24\.04\.\d LTS"\n[\s\S]*VERSION_CODENAME=noble\nID=ubuntu\n/);
    expect((await run("uptime")).out).toMatch(/^ 13:02:05 up {2}1:02, {2}1 user, {2}load average: /);
    expect((await run("free -m")).out.split("\n")[1]).toMatch(/^Mem: +16384 /);
    expect((await run("df -h")).out).toMatch(/\n\/dev\/root +30G /);
  });

  it("runs lists by their exit status, with $? and exit", async () => {
    expect(await run("false && echo no || echo yes; echo $?")).toMatchObject({ out: "yes\n0\n", code: 0 });
    expect(await run("false; echo \"status $?\"")).toMatchObject({ out: "status 1\n" });
    expect(await run("echo a; exit 3; echo b")).toMatchObject({ out: "a\n", code: 3 });
    expect(await run("sh -c 'exit 4'; echo after $?")).toMatchObject({ out: "after 4\n", code: 0 });
  });

  it("sends output where the redirections say, in their order", async () => {
    expect(await run("echo out; echo err >&2")).toMatchObject({ out: "out\n", err: "err\n" });
    expect(await run("nosuch 2>&1")).toMatchObject({ out: "bash: nosuch: command not found\n", err: "", code: 127 });
    expect(await run("nosuch > /dev/null 2>&1; echo $?")).toMatchObject({ out: "127\n", err: "" });
    expect(await run("nosuch 2>&1 >/dev/null")).toMatchObject({ out: "bash: nosuch: command not found\n" });
    const h = host();
    expect(await run("echo x > /tmp/file; echo y >> /tmp/file; cat /tmp/file", h)).toMatchObject({ code: 0, out: "x\ny\n" });
    expect(await run("echo z > /etc/x", h)).toEqual({ code: 1, out: "", err: "bash: line 1: /etc/x: Permission denied\n" });
  });

  it("runs the remote-command wrapper with quotes escaped as '\\''", async () => {
    const inner = `echo "it's" 'here'; printf '%s-%d\\n' a 7; echo err >&2; exit 5`;
    const line = `exec timeout -s KILL 30 sh -c '${inner.replace(/'/g, `'\\''`)}' barista-42`;
    expect(await run(line)).toEqual({ code: 5, out: "it's here\na-7\n", err: "err\n" });
    expect(await run(`sh -c 'echo $0 $1' barista-1 arg`)).toMatchObject({ out: "barista-1 arg\n" });
    expect(await run(`printf '%s|%b\\n' 'a\\nb' 'c\\td'`)).toMatchObject({ out: "a\\nb|c\td\n" });
  });

  it("ends a command at its timeout: 124, or 137 with KILL", async () => {
    expect(await run("timeout 0.05 sleep 5")).toMatchObject({ code: 124 });
    expect(await run("timeout -s KILL 0.05 sh -c 'sleep 5; echo never'")).toMatchObject({ code: 137, out: "" });
    expect(await run("timeout 5 sleep 0.01; echo $?")).toMatchObject({ out: "0\n" });
  });

  it("stops at once when the command is interrupted from outside", async () => {
    const abort = new AbortController();
    const running = run("sleep 30; echo never", host(), abort.signal);
    setTimeout(() => abort.abort(new Interrupted("KILL")), 20);
    await expect(running).rejects.toMatchObject({ signalName: "KILL" });
  });

  it("installs packages as root only, and their units run", async () => {
    const h = host();
    expect(await run("apt-get install -y nginx", h)).toMatchObject({ code: 100, err: expect.stringMatching(/are you root\?/) });
    expect(await run("systemctl is-active nginx", h)).toMatchObject({ code: 3, out: "inactive\n" });
    const install = await run("sudo DEBIAN_FRONTEND=noninteractive apt-get install -y nginx", h);
    expect(install.code).toBe(0);
    expect(install.out).toMatch(/Setting up nginx \(/);
    expect(await run("systemctl is-active nginx && systemctl is-enabled nginx", h)).toMatchObject({ code: 0, out: "active\nenabled\n" });
    expect(await run("systemctl stop nginx", h)).toMatchObject({ code: 1, err: expect.stringMatching(/Interactive authentication required/) });
    expect(await run("sudo systemctl stop nginx; systemctl is-active nginx", h)).toMatchObject({ code: 3, out: "inactive\n" });
    expect(await run("systemctl status nosuch", h)).toMatchObject({ code: 4, err: "Unit nosuch.service could not be found.\n" });
    expect((await run("sudo whoami; whoami", h)).out).toBe("root\nubuntu\n");
  });
});

describe("the simulator's SSH port setting", () => {
  it("defaults to a free port and refuses what is not a port", async () => {
    const { simSshPortFromEnv } = await import("./config");
    expect(simSshPortFromEnv({})).toBe(0);
    expect(simSshPortFromEnv({ BARISTA_SIM_SSH_PORT: "2222" })).toBe(2222);
    expect(() => simSshPortFromEnv({ BARISTA_SIM_SSH_PORT: "70000" })).toThrow(/BARISTA_SIM_SSH_PORT/);
    expect(() => simSshPortFromEnv({ BARISTA_SIM_SSH_PORT: "ssh" })).toThrow(/BARISTA_SIM_SSH_PORT/);
  });
});
