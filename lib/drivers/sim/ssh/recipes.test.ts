import { describe, expect, it } from "vitest";
import { shellQuote, wrapCommand } from "@/lib/remote/remote-shell";
import { newVmState, type Host } from "./host-context";
import { osOf } from "./host-identity";
import { SimShell } from "./shell";

/**
 * The shipped app recipes (lib/remote/apps/recipes/*.yaml) run on one simulated VM exactly as
 * the remote-command engine sends them: each step, then the health check, wrapped in
 * `exec timeout -s KILL <s> sh -c '<cmd>' barista-<id>`. The command lines are copied here so a
 * change to a recipe that the simulator cannot answer shows up in this test.
 */

const BOOT = Date.UTC(2026, 0, 1, 12, 0, 0);

function host(osText = "Ubuntu 24.04"): Host {
  const { os, kernel } = osOf(osText, "aws", "x86_64");
  const identity = { vmId: "i-1", hostname: "conf-1", provider: "aws", regionKey: "aws-ap-northeast-2", machine: "x86_64" as const, kernel, os, vcpu: 4, memoryKiB: 16 * 1024 * 1024, diskKiB: 30 * 1024 * 1024, privateIp: "10.0.0.5", publicIp: "54.180.10.20", bootedAt: BOOT };
  return { identity, state: newVmState(BOOT), speed: 100_000, now: () => BOOT + 60_000 };
}

let seq = 0;

/** Runs a recipe line as the engine does, with `{{host}}` filled in shell-quoted. */
async function step(h: Host, run: string, timeoutSeconds = 600) {
  let out = "";
  let err = "";
  const command = run.replaceAll("{{host}}", shellQuote(h.identity.publicIp ?? h.identity.hostname));
  const line = wrapCommand(`cmd-${++seq}`, command, timeoutSeconds);
  const code = await new SimShell(h).run(line, { out: (t) => (out += t), err: (t) => (err += t), signal: new AbortController().signal });
  return { code, out, err };
}

const NGINX = {
  steps: ["sudo apt-get update", "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y nginx"],
  health: "systemctl is-active --quiet nginx && curl -fsS -o /dev/null http://localhost/",
};

const VIDEO_CONFERENCE = {
  steps: [
    "sudo curl -fsSL -o /usr/share/keyrings/jitsi-keyring.asc https://download.jitsi.org/jitsi-key.gpg.key",
    `sudo sh -c "echo 'deb [signed-by=/usr/share/keyrings/jitsi-keyring.asc] https://download.jitsi.org stable/' > /etc/apt/sources.list.d/jitsi-stable.list"`,
    "printf '%s\\n' 'jitsi-videobridge2 jitsi-videobridge/jvb-hostname string '{{host}} 'jitsi-meet-web-config jitsi-meet/cert-choice select Generate a new self-signed certificate' > /tmp/jitsi.preseed && sudo debconf-set-selections /tmp/jitsi.preseed",
    "sudo apt-get update",
    "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y jitsi-meet",
  ],
  health: "systemctl is-active --quiet prosody && systemctl is-active --quiet jicofo && systemctl is-active --quiet jitsi-videobridge2 && curl -fsSk -o /dev/null https://localhost/",
};

const GAME_SERVER = {
  steps: ["sudo apt-get update", "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y minetest-server", "sudo systemctl enable --now minetest-server"],
  health: "systemctl is-active --quiet minetest-server",
};

describe("the shipped recipes on a simulated VM", () => {
  it("nginx: installs, and its health check passes; fails while nginx is stopped", async () => {
    const h = host();
    expect(await step(h, NGINX.health)).toMatchObject({ code: 3 });
    for (const s of NGINX.steps) expect(await step(h, s)).toMatchObject({ code: 0, err: "" });
    expect(await step(h, NGINX.health)).toEqual({ code: 0, out: "", err: "" });
    expect((await step(h, "curl -s http://localhost/")).out).toMatch(/<title>Welcome to nginx!<\/title>/);
    expect((await step(h, `curl -sI http://${h.identity.publicIp}/`)).out).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.24\.0 \(Ubuntu\)\r\nDate: .*\r\n/);
    // Run again: every step is safe to repeat.
    for (const s of NGINX.steps) expect(await step(h, s)).toMatchObject({ code: 0 });
    expect(await step(h, "sudo systemctl stop nginx")).toMatchObject({ code: 0 });
    expect(await step(h, "curl -fsS -o /dev/null http://localhost/")).toEqual({ code: 7, out: "", err: "curl: (7) Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server\n" });
  });

  it("video-conference: adds Jitsi's key and repository, preseeds, installs Jitsi Meet, and its health check passes", async () => {
    const h = host();
    const results = [];
    for (const s of VIDEO_CONFERENCE.steps) results.push(await step(h, s));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
    expect(results.map((r) => r.err).join("")).toBe("");
    expect(await step(h, "cat /usr/share/keyrings/jitsi-keyring.asc")).toMatchObject({ out: expect.stringMatching(/^-----BEGIN PGP PUBLIC KEY BLOCK-----\n[\s\S]+-----END PGP PUBLIC KEY BLOCK-----\n$/) });
    expect((await step(h, "cat /etc/apt/sources.list.d/jitsi-stable.list")).out).toBe("deb [signed-by=/usr/share/keyrings/jitsi-keyring.asc] https://download.jitsi.org stable/\n");
    expect(h.state.debconf.get("jitsi-videobridge/jvb-hostname")).toEqual({ owner: "jitsi-videobridge2", type: "string", value: "54.180.10.20" });
    expect(h.state.debconf.get("jitsi-meet/cert-choice")?.value).toBe("Generate a new self-signed certificate");
    expect(results[3].out).toMatch(/Get:\d+ https:\/\/download\.jitsi\.org stable\/ InRelease/);
    expect(results[4].out).toMatch(/The following additional packages will be installed:\n.*openjdk-17-jre-headless/);
    expect(results[4].out).toMatch(/Setting up jitsi-meet \(/);
    expect(await step(h, "systemctl is-active prosody jicofo jitsi-videobridge2 nginx")).toMatchObject({ code: 0, out: "active\nactive\nactive\nactive\n" });
    // The web config is made for the host name the preseed gave.
    expect(await step(h, "test -f /etc/jitsi/meet/54.180.10.20-config.js")).toMatchObject({ code: 0 });
    expect(await step(h, VIDEO_CONFERENCE.health)).toEqual({ code: 0, out: "", err: "" });
    expect(await step(h, "curl -s -o /dev/null -w '%{http_code} %{redirect_url}\\n' http://localhost/")).toMatchObject({ out: "301 https://localhost/\n" });
    expect((await step(h, "curl -sLk http://localhost/")).out).toMatch(/<title>Jitsi Meet<\/title>/);
    for (const s of VIDEO_CONFERENCE.steps) expect((await step(h, s)).code).toBe(0);
  });

  it("game-server: installs minetest-server on Ubuntu 24.04 and 22.04, starts it, and its health check passes", async () => {
    for (const os of ["Ubuntu 24.04", "Ubuntu 22.04"]) {
      const h = host(os);
      for (const s of GAME_SERVER.steps) expect(await step(h, s)).toMatchObject({ code: 0 });
      expect(await step(h, GAME_SERVER.health)).toEqual({ code: 0, out: "", err: "" });
      expect(await step(h, "systemctl is-enabled minetest-server")).toMatchObject({ code: 0, out: "enabled\n" });
      expect(await step(h, "sudo systemctl stop minetest-server")).toMatchObject({ code: 0 });
      expect(await step(h, GAME_SERVER.health)).toMatchObject({ code: 3 });
      expect(await step(h, GAME_SERVER.steps[2])).toMatchObject({ code: 0 });
      expect(await step(h, GAME_SERVER.health)).toMatchObject({ code: 0 });
    }
  });

  it("game-server on Ubuntu 25.04: minetest-server is Luanti's transitional package, with no unit of that name", async () => {
    const h = host("Ubuntu 25.04");
    expect(await step(h, GAME_SERVER.steps[0])).toMatchObject({ code: 0 });
    expect((await step(h, GAME_SERVER.steps[1])).out).toMatch(/Setting up luanti-server/);
    expect(await step(h, GAME_SERVER.steps[2])).toMatchObject({ code: 1, err: "Failed to enable unit: Unit file minetest-server.service does not exist.\n" });
    expect(await step(h, "systemctl is-active --quiet luanti-server")).toMatchObject({ code: 0 });
  });
});
