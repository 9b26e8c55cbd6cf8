import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSsh } from "../ssh-client";
import { memoryPins } from "./memory-pins";
import { freePorts, startTestHosts, startTestSshd, type TestSshd } from "./sshd.mjs";

// One test server listening on several ports stands for several hosts (the SSH-hosts benchmark
// starts 50 of them this way); each port must log in and run commands on its own.
let sshd: TestSshd;
beforeAll(async () => {
  sshd = await startTestSshd({ ports: 3 });
});
afterAll(async () => {
  await sshd?.stop();
});

describe("test SSH server on several ports", () => {
  it("listens on as many distinct ports as asked, the first one as `port`", () => {
    expect(sshd.ports).toHaveLength(3);
    expect(new Set(sshd.ports).size).toBe(3);
    expect(sshd.port).toBe(sshd.ports[0]);
    expect(sshd.pid).toEqual(expect.any(Number));
  });

  it("logs in and runs a command on every port, each pinned as a host of its own", async () => {
    const pins = memoryPins();
    for (const port of sshd.ports) {
      const c = await openSsh({ ...sshd, port }, { pins });
      let out = "";
      const r = await c.exec("echo up", { onStdout: (b) => (out += b.toString()) });
      expect(r.exitCode).toBe(0);
      expect(out).toBe("up\n");
      c.close();
    }
    expect(pins.pins.size).toBe(3);
    expect(new Set(pins.pins.values())).toEqual(new Set([sshd.hostFingerprint]));
  });

  it("chooses distinct ports for servers started together", async () => {
    expect(new Set(await freePorts(20)).size).toBe(20);
    const fleet = await startTestHosts(4, { ports: 3 });
    try {
      const all = fleet.flatMap((s) => s.ports);
      expect(all).toHaveLength(12);
      expect(new Set(all).size).toBe(12);
    } finally {
      await Promise.all(fleet.map((s) => s.stop()));
    }
  });

  it("stops with every port, and starts again on the same ones", async () => {
    await sshd.stop();
    expect(sshd.pid).toBeNull();
    await expect(openSsh({ ...sshd, port: sshd.ports[2] }, { pins: memoryPins(), readyTimeoutMs: 2000 })).rejects.toThrow();
    await sshd.start();
    const c = await openSsh({ ...sshd, port: sshd.ports[2] }, { pins: memoryPins() });
    expect((await c.exec("true")).exitCode).toBe(0);
    c.close();
  });
});
