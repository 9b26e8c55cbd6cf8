import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import type { CommandCreate } from "@/lib/validation/commands";
import { freePort, startTestSshd, type TestSshd } from "../testing/sshd.mjs";
import type { CommandRepository } from "@/lib/store/commands";
import { INTERRUPTED_MESSAGE } from "./engine";
import { commandEventStream } from "./event-stream";
import { makeEngine, makeFleet, type Fleet, type FleetOptions } from "./testing";
import type { CommandView } from "./types";

// The engine against two real OpenSSH servers standing for two hosts: every VM of the test MCIs
// logs in to one of them, through the same pool, key handling and host-side wrapping as the server.

let db: TempDatabase;
let a: TestSshd;
let b: TestSshd;
beforeAll(async () => {
  db = tempDatabase();
  [a, b] = await Promise.all([startTestSshd(), startTestSshd()]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.cleanup();
});

/** VM i logs in to a or b in turn. */
const alternate = (i: number) => (i % 2 === 0 ? a : b);
const login = (s: TestSshd) => ({ host: s.host, port: s.port, username: s.username, privateKey: s.privateKey });

async function fleet(count: number, opts: FleetOptions = {}, on: (i: number) => TestSshd = alternate): Promise<Fleet> {
  return makeFleet(db.prisma, (i) => login(on(i)), { subGroups: { a: count }, ...opts });
}

const request = (command: string, more: Partial<CommandCreate> = {}): CommandCreate => ({ command, timeoutSeconds: 300, concurrency: 100, ...more });

async function run(f: Fleet, command: string, more: Partial<CommandCreate> = {}): Promise<CommandView> {
  const { id } = await f.engine.start(f.namespace, f.mciId, request(command, more), "tester");
  await f.engine.settled(id);
  return f.engine.get(f.namespace, f.mciId, id);
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what} did not happen: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The processes of a command still alive on this machine (both test hosts are this machine). */
function processesOf(commandId: string): string {
  try {
    return execFileSync("pgrep", ["-a", "-f", `barista-${commandId}`]).toString();
  } catch {
    return "";
  }
}

describe("remote commands over real OpenSSH hosts", () => {
  it("keeps each VM's stdout, stderr and exit code; a non-zero exit is failed", async () => {
    const f = await fleet(2);
    const failed = await run(f, "echo out-$(uname -s); echo oops >&2; exit 3");
    expect(failed.status).toBe("finished");
    expect(failed.vms.map((v) => [v.status, v.exitCode, v.stdout, v.stderr])).toEqual([
      ["failed", 3, "out-Linux\n", "oops\n"],
      ["failed", 3, "out-Linux\n", "oops\n"],
    ]);
    expect(failed.counts.failed).toBe(2);
    const ok = await run(f, "printf '%s\\n' \"it's quoted\" 'and $HOME stays'");
    expect(ok.vms.map((v) => [v.status, v.exitCode, v.stdout])).toEqual([
      ["succeeded", 0, "it's quoted\nand $HOME stays\n"],
      ["succeeded", 0, "it's quoted\nand $HOME stays\n"],
    ]);
    expect(ok.vms.every((v) => v.startedAt && v.endedAt && v.endedAt >= v.startedAt)).toBe(true);
  });

  it("logs in with the namespace's key when the driver gives none", async () => {
    const f = await makeFleet(db.prisma, () => ({ host: a.host, port: a.port, username: a.username }), { namespaceKey: a.privateKey });
    expect((await run(f, "echo keyed")).vms[0]).toMatchObject({ status: "succeeded", stdout: "keyed\n" });
  });

  it("kills a command at its timeout on the host itself", async () => {
    const f = await fleet(1);
    const v = await run(f, "echo started; sleep 30", { timeoutSeconds: 1 });
    expect(v.vms[0]).toMatchObject({ status: "timedOut", exitCode: null, stdout: "started\n" });
    expect(v.vms[0].message).toMatch(/after 1 s/);
    expect(processesOf(v.id)).toBe("");
  });

  it("cancels: running VMs have the command killed on the host, pending VMs never start it", async () => {
    const f = await fleet(3);
    const { id } = await f.engine.start(f.namespace, f.mciId, request("sleep 30", { concurrency: 2 }), "tester");
    await until(() => f.engine.get(f.namespace, f.mciId, id), (v) => v.counts.running === 2, "two VMs running");
    // The shell must be up on both hosts before the cancel, or there is nothing yet to kill there.
    await until(async () => processesOf(id).split("\n").filter((l) => l.includes("timeout")).length, (n) => n === 2, "sleep started on the hosts");
    const answer = await f.engine.cancel(f.namespace, f.mciId, id);
    expect(answer.message).toMatch(/2 VMs running it .* 1 VM not started/);
    await f.engine.settled(id);
    const v = await f.engine.get(f.namespace, f.mciId, id);
    expect(v.status).toBe("cancelled");
    expect(v.vms.map((x) => x.status).sort()).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(v.vms.filter((x) => /before it started/.test(x.message ?? ""))).toHaveLength(1);
    expect(processesOf(id)).toBe("");
    await expect(f.engine.cancel(f.namespace, f.mciId, id)).rejects.toThrow(/already ended \(cancelled\)/);
  });

  it("runs 50 VMs at once and every one reports its own output", async () => {
    const f = await fleet(50);
    const v = await run(f, "echo ran; sleep 0.2");
    expect(v.counts.succeeded).toBe(50);
    expect(v.vms.every((x) => x.stdout === "ran\n")).toBe(true);
  });

  it("marks a VM whose host dies mid-command unreachable; the others finish", async () => {
    const dying = await startTestSshd();
    const f = await fleet(2, {}, (i) => (i === 0 ? dying : b));
    const { id } = await f.engine.start(f.namespace, f.mciId, request("sleep 1; echo done"), "tester");
    await until(() => f.engine.get(f.namespace, f.mciId, id), (v) => v.counts.running === 2, "both running");
    await until(async () => processesOf(id).split("\n").filter((l) => l.includes("timeout")).length, (n) => n === 2, "both started on their hosts");
    await dying.stop(true);
    await f.engine.settled(id);
    const [first, second] = (await f.engine.get(f.namespace, f.mciId, id)).vms;
    expect(first).toMatchObject({ status: "unreachable", exitCode: null });
    expect(first.message).toMatch(/lost/);
    expect(second).toMatchObject({ status: "succeeded", stdout: "done\n" });
  });

  it("names the reason for a VM it cannot reach or that is not Running", async () => {
    const closed = await freePort();
    const f = await makeFleet(db.prisma, (i) => (i === 0 ? { ...login(a), port: closed } : login(a)), { subGroups: { a: 3 }, statuses: { 2: "Suspended" } });
    const v = await run(f, "true");
    expect(v.vms.map((x) => x.status)).toEqual(["unreachable", "succeeded", "unreachable"]);
    expect(v.vms[0].message).toMatch(/ECONNREFUSED/);
    expect(v.vms[2].message).toBe("the VM is Suspended, not Running");
  });

  it("keeps the first bytes of a long output and says it was truncated", async () => {
    const f = await fleet(1, { limits: { outputBytes: 1000 } });
    const v = await run(f, "head -c 5000 /dev/zero | tr '\\0' x; echo short >&2");
    expect(v.vms[0]).toMatchObject({ status: "succeeded", truncated: true, stdout: "x".repeat(1000), stderr: "short\n" });
  });

  it("writes output and statuses in batches, not once per piece", async () => {
    // With a flush interval longer than the test, only the end of the command writes.
    const f = await fleet(20, { limits: { flushMs: 3_600_000 } });
    const repo = (f.engine as unknown as { deps: { commands: { applyVmChanges: (...a: unknown[]) => Promise<void> } } }).deps.commands;
    const applied = vi.spyOn(repo, "applyVmChanges");
    const { id } = await f.engine.start(f.namespace, f.mciId, request("for i in 1 2 3; do echo $i; sleep 0.1; done"), "tester");
    const live = await until(() => f.engine.get(f.namespace, f.mciId, id), (v) => v.vms.some((x) => x.stdout.includes("2")), "output seen live");
    expect(live.status).toBe("running");
    await f.engine.settled(id);
    expect(applied).toHaveBeenCalledTimes(1);
    expect((applied.mock.calls[0][1] as unknown[]).length).toBe(20);
    const stored = await db.reopen().command.findUnique({ where: { id }, include: { vms: true } });
    expect(stored?.vms.every((x) => x.stdout === "1\n2\n3\n" && x.status === "succeeded")).toBe(true);
  });

  it("after a restart, a command that was running is interrupted, never succeeded", async () => {
    const f = await fleet(2);
    const { id } = await f.engine.start(f.namespace, f.mciId, request("sleep 30"), "tester");
    await until(() => f.engine.get(f.namespace, f.mciId, id), (v) => v.counts.running === 2, "both running");
    // A second engine on the same database file, as the restarted server would make it.
    const restarted = await makeFleet(db.reopen(), () => login(a));
    expect(await restarted.engine.interruptLeftovers()).toBeGreaterThanOrEqual(1);
    const after = await restarted.engine.get(f.namespace, f.mciId, id);
    expect(after.status).toBe("interrupted");
    expect(after.vms.map((x) => [x.status, x.message])).toEqual([
      ["interrupted", INTERRUPTED_MESSAGE],
      ["interrupted", INTERRUPTED_MESSAGE],
    ]);
    await expect(restarted.engine.cancel(f.namespace, f.mciId, id)).rejects.toThrow(/already ended \(interrupted\)/);
    // The first "server" still holds the processes: end them so the hosts are left clean.
    await f.engine.cancel(f.namespace, f.mciId, id);
    await f.engine.settled(id);
    expect(processesOf(id)).toBe("");
  });

  it("another server streams a command it does not run, from what the running server writes, and cancels it", async () => {
    const f = await fleet(2);
    // A second server on the same database: it runs nothing of this command.
    const other = makeEngine(db.reopen(), (i) => login(alternate(i)), { owner: "other", limits: { followMs: 50 } });
    const { id } = await f.engine.start(f.namespace, f.mciId, request("echo first; sleep 0.5; echo second; sleep 30; echo never"), "tester");
    await until(() => other.engine.get(f.namespace, f.mciId, id), (v) => v.vms.every((x) => x.stdout === "first\n"), "output written where the other server reads");
    const repo = (other.engine as unknown as { deps: { commands: CommandRepository } }).deps.commands;
    const progressReads = vi.spyOn(repo, "progress");
    const outputReads = vi.spyOn(repo, "output");
    const body = await commandEventStream(other.engine, f.namespace, f.mciId, id, { heartbeatMs: 60_000 });
    await until(() => other.engine.get(f.namespace, f.mciId, id), (v) => v.vms.every((x) => x.stdout === "first\nsecond\n"), "the rest written");
    // While the VMs sleep the follower reads their states and output lengths, and their output only when it grew.
    const readsBefore = outputReads.mock.calls.length;
    const pollsBefore = progressReads.mock.calls.length;
    await until(async () => progressReads.mock.calls.length, (n) => n >= pollsBefore + 5, "five more reads of the command");
    expect(outputReads.mock.calls.length).toBeLessThanOrEqual(readsBefore + 1);
    const answer = await other.engine.cancel(f.namespace, f.mciId, id);
    expect(answer.message).toMatch(/the server running it stops it within 1 s; 2 VMs running it will have it killed/);
    await f.engine.settled(id);
    expect(processesOf(id)).toBe("");
    // The stream followed to the end: the VMs' new statuses, then the end, and it closed.
    const events = (await new Response(body).text()).split("\n\n").filter(Boolean).map((block) => {
      const [event, data] = block.split("\n");
      return { event: event.slice(7), data: JSON.parse(data.slice(6)) as { status: string; vmId?: string } };
    });
    expect(events[0].event).toBe("snapshot");
    expect(events.filter((e) => e.event === "output").map((e) => e.data)).toEqual(f.vms.map((v) => ({ vmId: v.id, stream: "stdout", data: "second\n" })));
    expect(events.filter((e) => e.event === "vm").map((e) => e.data.status).sort()).toEqual(["cancelled", "cancelled"]);
    expect(events.at(-1)).toEqual({ event: "end", data: { status: "cancelled" } });
    await expect(other.engine.cancel(f.namespace, f.mciId, id)).rejects.toThrow(/already ended \(cancelled\)/);
  });

  it("keeps a quiet stream alive with heartbeats and closes it after the end", async () => {
    const f = await fleet(1);
    const { id } = await f.engine.start(f.namespace, f.mciId, request("sleep 1; echo late"), "tester");
    const body = await commandEventStream(f.engine, f.namespace, f.mciId, id, { heartbeatMs: 50 });
    const text = await new Response(body).text();
    expect(text.startsWith("event: snapshot\n")).toBe(true);
    expect(text).toContain(": heartbeat\n\n");
    expect(text.endsWith('event: end\ndata: {"status":"finished"}\n\n')).toBe(true);
    expect(text).toContain('"data":"late\\n"');
  });
});
