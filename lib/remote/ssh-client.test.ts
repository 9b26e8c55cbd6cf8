import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCloudError } from "@/lib/core/errors";
import { openSsh } from "./ssh-client";
import { SshPool } from "./ssh-pool";
import { memoryPins } from "./testing/memory-pins";
import { freePort, startTestSshd, type TestSshd } from "./testing/sshd.mjs";

let sshd: TestSshd;
beforeAll(async () => {
  sshd = await startTestSshd();
});
afterAll(async () => {
  await sshd?.stop();
});

const text = () => {
  let s = "";
  return { add: (b: Buffer) => (s += b.toString()), get: () => s };
};

describe("SSH client against a real OpenSSH server", () => {
  it("runs a command and reports its output, stderr and exit code, and pins the host key", async () => {
    const pins = memoryPins();
    const c = await openSsh(sshd, { pins });
    const out = text();
    const err = text();
    const r = await c.exec("echo hello; echo oops >&2; exit 3", { onStdout: out.add, onStderr: err.add });
    expect(out.get()).toBe("hello\n");
    expect(err.get()).toBe("oops\n");
    expect(r).toMatchObject({ exitCode: 3, timedOut: false, cancelled: false, lostConnection: false });
    expect([...pins.pins.values()]).toEqual([sshd.hostFingerprint]);
    c.close();
  });

  it("ends a command at its timeout and on cancel", async () => {
    const c = await openSsh(sshd, { pins: memoryPins() });
    const timed = await c.exec("sleep 30", { timeoutMs: 300 });
    expect(timed).toMatchObject({ timedOut: true, exitCode: null });
    const abort = new AbortController();
    const running = c.exec("sleep 30", { signal: abort.signal });
    setTimeout(() => abort.abort(), 200);
    expect(await running).toMatchObject({ cancelled: true, exitCode: null });
    c.close();
  });

  it("refuses a host whose key changed since it was pinned", async () => {
    const pins = memoryPins();
    (await openSsh(sshd, { pins })).close();
    await sshd.stop();
    sshd.rotateHostKey();
    await sshd.start();
    const e = await openSsh(sshd, { pins }).catch((x: unknown) => x);
    expect(isCloudError(e) && e.code).toBe("AuthFailed");
    expect(String((e as Error).message)).toMatch(/host key .* changed/);
  });

  it("names a wrong key and a closed port as such", async () => {
    const wrong = await openSsh({ ...sshd, username: "nobody-here" }, { pins: memoryPins() }).catch((x: unknown) => x);
    expect(isCloudError(wrong) && wrong.code).toBe("AuthFailed");
    const closed = await openSsh({ ...sshd, port: await freePort() }, { pins: memoryPins() }).catch((x: unknown) => x);
    expect(isCloudError(closed) && closed.code).toBe("Unavailable");
    expect(String((closed as Error).message)).toMatch(/ECONNREFUSED/);
  });

  it("times out on a host that accepts but never speaks, and its late second error does not escape", async () => {
    // A host too busy to send its banner: ssh2 reports the login timeout, then "Connection lost
    // before handshake" when the socket closes; the second error once crashed the server.
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    const port = await new Promise<number>((resolve) => silent.listen(0, "127.0.0.1", () => resolve((silent.address() as { port: number }).port)));
    const escaped: unknown[] = [];
    const onEscape = (e: unknown) => escaped.push(e);
    process.on("uncaughtException", onEscape);
    try {
      const e = await openSsh({ ...sshd, port }, { pins: memoryPins(), readyTimeoutMs: 300 }).catch((x: unknown) => x);
      expect(isCloudError(e) && e.code).toBe("Unavailable");
      expect(String((e as Error).message)).toMatch(/did not answer within/);
      await new Promise((r) => setTimeout(r, 300));
      expect(escaped).toEqual([]);
    } finally {
      process.off("uncaughtException", onEscape);
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it("reports a lost connection when the server dies mid-command", async () => {
    const c = await openSsh(sshd, { pins: memoryPins() });
    const running = c.exec("sleep 30");
    await new Promise((r) => setTimeout(r, 300));
    await sshd.stop(true);
    expect(await running).toMatchObject({ lostConnection: true, exitCode: null });
    await sshd.start();
  });

  it("shares one connection per user and host, with commands in parallel", async () => {
    const pool = new SshPool({ pins: memoryPins() });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.exec(sshd, `echo ${i}`)));
    expect(results.every((r) => r.exitCode === 0)).toBe(true);
    expect(pool.size).toBe(1);
    pool.closeAll();
  });

  it("logs in to at most maxLogins hosts at once; the others wait their turn and still connect", async () => {
    const fleet = await startTestSshd({ ports: 5, clientKey: sshd });
    try {
      const pool = new SshPool({ pins: memoryPins(), maxLogins: 2 });
      const opening = fleet.ports.map((port) => pool.connection({ ...fleet, port }));
      expect(pool.size).toBe(5);
      expect(pool.loggingIn).toBe(2);
      const connections = await Promise.all(opening);
      expect(connections.every((c) => c.open)).toBe(true);
      expect(pool.loggingIn).toBe(0);
      const results = await Promise.all(fleet.ports.map((port) => pool.exec({ ...fleet, port }, "echo ok")));
      expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0, 0]);
      pool.closeAll();
    } finally {
      await fleet.stop();
    }
  });
});
