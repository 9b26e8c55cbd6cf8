import { describe, expect, it } from "vitest";
import { newVmState, type Host } from "./host-context";
import { osOf } from "./host-identity";
import { SimShell } from "./shell";

/** Where the simulated host fails as a real Ubuntu VM does: files, curl, debconf, third-party repositories. */

const BOOT = Date.UTC(2026, 0, 1, 12, 0, 0);

function host(osText = "Ubuntu 24.04"): Host {
  const { os, kernel } = osOf(osText, "aws", "x86_64");
  const identity = { vmId: "i-1", hostname: "web-1", provider: "aws", regionKey: "aws-us-east-1", machine: "x86_64" as const, kernel, os, vcpu: 2, memoryKiB: 4 * 1024 * 1024, diskKiB: 30 * 1024 * 1024, privateIp: "10.0.0.5", publicIp: "3.90.1.2", bootedAt: BOOT };
  return { identity, state: newVmState(BOOT), speed: 100_000, now: () => BOOT + 60_000 };
}

async function run(h: Host, line: string) {
  let out = "";
  let err = "";
  const code = await new SimShell(h).run(line, { out: (t) => (out += t), err: (t) => (err += t), signal: new AbortController().signal });
  return { code, out, err };
}

/** As the remote-command engine sends a line: through dash, named barista-<id>. */
const engine = (h: Host, cmd: string) => run(h, `exec timeout -s KILL 60 sh -c '${cmd.replace(/'/g, `'\\''`)}' barista-t1`);

const JITSI_LIST = "echo 'deb [signed-by=/usr/share/keyrings/jitsi-keyring.asc] https://download.jitsi.org stable/' > /etc/apt/sources.list.d/jitsi-stable.list";

describe("the simulated host's files", () => {
  it("writes /tmp and home as the user, the system's folders only as root, with dash's words and status", async () => {
    const h = host();
    expect(await engine(h, "echo a > /tmp/x && echo b >> /tmp/x && cat /tmp/x && echo c > notes && cat /home/ubuntu/notes")).toMatchObject({ code: 0, out: "a\nb\nc\n" });
    expect(await engine(h, "echo x > /etc/x")).toEqual({ code: 2, out: "", err: "barista-t1: 1: cannot create /etc/x: Permission denied\n" });
    expect(await engine(h, "echo x > /nowhere/x")).toMatchObject({ code: 2, err: "barista-t1: 1: cannot create /nowhere/x: Directory nonexistent\n" });
    expect(await engine(h, "echo x > /tmp")).toMatchObject({ code: 2, err: "barista-t1: 1: cannot create /tmp: Is a directory\n" });
    expect(await engine(h, "echo x > /etc/os-release")).toMatchObject({ code: 2, err: expect.stringMatching(/Permission denied/) });
    expect(await engine(h, `sudo sh -c "echo x > /etc/x" && cat /etc/x`)).toMatchObject({ code: 0, out: "x\n" });
    // A root's file in /tmp is root's: the user can neither overwrite nor remove it.
    expect(await engine(h, `sudo touch /tmp/r; echo y > /tmp/r`)).toMatchObject({ code: 2, err: expect.stringMatching(/cannot create \/tmp\/r: Permission denied/) });
    expect(await engine(h, "rm -f /tmp/r")).toMatchObject({ code: 1, err: "rm: cannot remove '/tmp/r': Permission denied\n" });
    expect((await engine(h, "cat /etc/os-release")).out).toMatch(/^PRETTY_NAME="Ubuntu 24\.04/);
  });

  it("names the script line in dash's messages, and answers unknown commands as dash does", async () => {
    const h = host();
    expect(await engine(h, "true\necho x > /nowhere/y")).toMatchObject({ code: 2, err: "barista-t1: 2: cannot create /nowhere/y: Directory nonexistent\n" });
    expect(await engine(h, "no-such-tool --version")).toEqual({ code: 127, out: "", err: "barista-t1: 1: no-such-tool: not found\n" });
  });

  it("answers mkdir, touch, rm, ls and test as coreutils and dash do", async () => {
    const h = host();
    expect(await engine(h, "mkdir /etc/app")).toMatchObject({ code: 1, err: "mkdir: cannot create directory '/etc/app': Permission denied\n" });
    expect(await engine(h, "mkdir /tmp/a/b")).toMatchObject({ code: 1, err: "mkdir: cannot create directory '/tmp/a/b': No such file or directory\n" });
    expect(await engine(h, "mkdir -p /tmp/a/b && touch /tmp/a/b/f /tmp/a/g && ls /tmp/a")).toMatchObject({ code: 0, out: "b\ng\n" });
    expect(await engine(h, "test -d /tmp/a && [ -f /tmp/a/g ] && [ ! -s /tmp/a/g ] && [ ! -e /tmp/nope ] && echo ok")).toMatchObject({ out: "ok\n" });
    expect(await engine(h, "[ -f /tmp/a/g")).toMatchObject({ code: 2, err: "barista-t1: 1: [: missing ]\n" });
    expect(await engine(h, "rm /tmp/a")).toMatchObject({ code: 1, err: "rm: cannot remove '/tmp/a': Is a directory\n" });
    expect(await engine(h, "rm -r /tmp/a && ls /tmp/a")).toMatchObject({ code: 2, err: "ls: cannot access '/tmp/a': No such file or directory\n" });
    expect(await engine(h, "rm /tmp/nope; rm -f /tmp/nope")).toMatchObject({ code: 0, err: "rm: cannot remove '/tmp/nope': No such file or directory\n" });
    expect(await engine(h, "ls /root")).toMatchObject({ code: 2, err: "ls: cannot open directory '/root': Permission denied\n" });
  });
});

describe("the simulated host's curl", () => {
  it("refuses a self-signed certificate without -k (60), and a port nothing listens on (7)", async () => {
    const h = host();
    for (const step of ["sudo curl -fsSL -o /usr/share/keyrings/jitsi-keyring.asc https://download.jitsi.org/jitsi-key.gpg.key", `sudo sh -c "${JITSI_LIST}"`, "sudo apt-get update", "sudo apt-get install -y jitsi-meet"]) {
      expect(await engine(h, step)).toMatchObject({ code: 0 });
    }
    expect(await engine(h, "curl -fsS -o /dev/null https://localhost/")).toEqual({ code: 60, out: "", err: "curl: (60) SSL certificate problem: self-signed certificate\n" });
    expect(await engine(h, "curl -fs https://localhost/")).toEqual({ code: 60, out: "", err: "" });
    expect(await engine(h, "curl -fsSk -o /dev/null https://localhost/")).toMatchObject({ code: 0 });
    expect(await engine(h, "curl -fsSk -o /dev/null https://localhost/nothing.js")).toMatchObject({ code: 22, err: "curl: (22) The requested URL returned error: 404\n" });
    expect(await engine(h, "curl -sS http://localhost:8080/")).toMatchObject({ code: 7, err: "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n" });
    expect(await engine(h, "sudo systemctl stop nginx; curl -fsSk https://127.0.0.1/")).toMatchObject({ code: 7, err: expect.stringMatching(/Failed to connect to 127\.0\.0\.1 port 443/) });
  });

  it("downloads from the internet, writes -o where the user may, and names curl's failures", async () => {
    const h = host("Ubuntu 22.04");
    expect(await engine(h, "curl -fsSL -o /usr/share/keyrings/jitsi.asc https://download.jitsi.org/jitsi-key.gpg.key")).toEqual({ code: 23, out: "", err: "curl: (23) Failure writing output to destination\n" });
    expect(await engine(h, "curl -fsSL -o key.asc https://download.jitsi.org/jitsi-key.gpg.key && test -s key.asc")).toMatchObject({ code: 0 });
    expect(await engine(h, "curl -sS http://localhost/")).toMatchObject({ code: 7, err: "curl: (7) Failed to connect to localhost port 80 after 0 ms: Connection refused\n" });
    expect(await engine(h, "curl -sS https://nosuch.invalid/")).toMatchObject({ code: 6, err: "curl: (6) Could not resolve host: nosuch.invalid\n" });
    expect(await engine(h, "curl -s -o /dev/null -w '%{http_code}' https://download.jitsi.org/missing")).toEqual({ code: 0, out: "404", err: "" });
    expect(await engine(h, "curl --bogus http://localhost/")).toMatchObject({ code: 2, err: expect.stringMatching(/^curl: option --bogus: is unknown\n/) });
    const verbose = await engine(h, "curl -o /tmp/k https://download.jitsi.org/jitsi-key.gpg.key");
    expect(verbose.err).toMatch(/^ {2}% Total {4}% Received/);
  });
});

describe("the simulated host's debconf and apt repositories", () => {
  it("debconf-set-selections needs root, stores answers and names malformed lines", async () => {
    const h = host();
    await engine(h, "printf '%s\\n' 'pkg pkg/q string hello world' 'broken' 'pkg pkg/r weird x' > /tmp/p");
    expect(await engine(h, "debconf-set-selections /tmp/p")).toMatchObject({ code: 1, err: expect.stringMatching(/^debconf: DbDriver "passwords" warning: could not open \/var\/cache\/debconf\/passwords\.dat: Permission denied\n/) });
    expect(h.state.debconf.size).toBe(0);
    expect(await engine(h, "sudo debconf-set-selections /tmp/p")).toEqual({ code: 1, out: "", err: "error: parse error on line 2: broken\nwarning: Unknown type weird, skipping line 3\n" });
    expect(h.state.debconf.get("pkg/q")).toEqual({ owner: "pkg", type: "string", value: "hello world" });
  });

  it("installs a third-party package only once its repository is listed and fetched (100 before)", async () => {
    const h = host();
    const locate = { code: 100, err: "E: Unable to locate package jitsi-meet\n" };
    expect(await engine(h, "sudo apt-get install -y jitsi-meet")).toMatchObject(locate);
    expect(await engine(h, `sudo sh -c "${JITSI_LIST}"`)).toMatchObject({ code: 0 });
    expect(await engine(h, "sudo apt-get install -y jitsi-meet")).toMatchObject(locate);
    // The list names a key that is not there yet: apt refuses the repository.
    expect(await engine(h, "sudo apt-get update")).toMatchObject({ code: 100, err: expect.stringMatching(/E: The repository 'https:\/\/download\.jitsi\.org stable\/ InRelease' is not signed\./) });
    expect(await engine(h, "sudo curl -fsSL -o /usr/share/keyrings/jitsi-keyring.asc https://download.jitsi.org/jitsi-key.gpg.key && sudo apt-get update")).toMatchObject({ code: 0 });
    expect((await engine(h, "sudo apt-get install -y jitsi-meet")).code).toBe(0);
    expect(await engine(h, "sudo apt-get install -y docker-ce")).toMatchObject({ code: 100, err: "E: Unable to locate package docker-ce\n" });
    // Ubuntu's archive packages install as before, and caddy is in the archive from 24.04.
    expect((await engine(h, "sudo apt-get install -y redis-server caddy")).code).toBe(0);
    expect(await engine(h, "sudo apt-get install -y caddy")).toMatchObject({ code: 0, out: expect.stringMatching(/caddy is already the newest version/) });
    expect(await run(host("Ubuntu 22.04"), "sudo apt-get install -y caddy")).toMatchObject({ code: 100, err: "E: Unable to locate package caddy\n" });
  });

  it("refuses a malformed sources file as apt does", async () => {
    const h = host();
    await engine(h, `sudo sh -c "echo 'deb https://download.jitsi.org' > /etc/apt/sources.list.d/bad.list"`);
    expect(await engine(h, "sudo apt-get update")).toMatchObject({ code: 100, err: "E: Malformed entry 1 in list file /etc/apt/sources.list.d/bad.list (Suite)\nE: The list of sources could not be read.\n" });
  });

  it("is-active answers 0 when any of the units is active, as systemd does", async () => {
    const h = host();
    expect(await run(h, "systemctl is-active ssh nosuch")).toMatchObject({ code: 0, out: "active\ninactive\n" });
    expect(await run(h, "systemctl is-active --quiet nosuch other")).toMatchObject({ code: 3, out: "" });
  });
});
