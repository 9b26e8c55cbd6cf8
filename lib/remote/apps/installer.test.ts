import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stores } from "@/lib/store";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import { makeFleet, type Fleet } from "../commands/testing";
import { startTestHosts, type TestSshd } from "../testing/sshd.mjs";
import type { AppInstaller } from "./installer";
import { makeInstaller, testRecipe } from "./testing";

// Installs over two real OpenSSH servers standing for registered hosts: every step is a remote
// command of the server's own engine; the recipes need no internet, only a folder of the test's
// own (both hosts are this machine, so the test reads what the steps wrote).

let db: TempDatabase;
let hosts: TestSshd[];
const root = mkdtempSync(path.join(tmpdir(), "barista-apps-test-"));

beforeAll(async () => {
  db = tempDatabase();
  hosts = await startTestHosts(2);
});
afterAll(async () => {
  for (const h of hosts ?? []) await h.stop();
  await db?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

const steps = (...lines: string[]) => lines.map((run, i) => ({ name: `Step ${i + 1}`, run }));

/** Recipes that write into their own folder, one log per VM. */
const recipesIn = (dir: string) => {
  const write = (word: string) => `mkdir -p ${dir} && echo ${word} >> ${dir}/{{vmName}}.log`;
  return [
  testRecipe({ id: "marker", ports: [{ protocol: "tcp", port: 8080, description: "web" }], url: "http://{{host}}:8080/{{vmName}}", steps: steps(`mkdir -p ${dir}`, write("one"), write("two")), health: { run: `test -f ${dir}/{{vmName}}.log` } }),
  testRecipe({ id: "broken", steps: [{ name: "Write", run: write("b1") }, { name: "Break", run: "echo half-done; echo 'E: no such package' >&2; exit 3" }, { name: "Never", run: write("b3") }], health: { run: "true" } }),
  testRecipe({ id: "unhealthy", steps: steps("true"), health: { run: "echo not yet >&2; exit 1", retries: 2, intervalSeconds: 0 } }),
  testRecipe({ id: "slow", steps: steps("sleep 1"), health: { run: "true" } }),
  testRecipe({ id: "resumed", steps: steps(write("r1"), write("r2"), write("r3")), health: { run: `grep -q r3 ${dir}/{{vmName}}.log` } }),
  ];
};
let serial = 0;

type Setup = { f: Fleet; dir: string; installer: AppInstaller; recipes: ReturnType<typeof recipesIn>; logOf: (vmName: string) => string };

async function setup(opts: { statuses?: Record<number, string>; count?: number } = {}): Promise<Setup> {
  const dir = path.join(root, `t${++serial}`);
  const recipes = recipesIn(dir);
  const logOf = (vmName: string) => {
    try {
      return readFileSync(path.join(dir, `${vmName}.log`), "utf8");
    } catch {
      return "";
    }
  };
  const f = await makeFleet(db.prisma, (i) => ({ host: hosts[i % 2].host, port: hosts[i % 2].port, username: hosts[i % 2].username, privateKey: hosts[i % 2].privateKey }), { subGroups: { a: opts.count ?? 2 }, statuses: opts.statuses, mciName: `apps-${randomBytes(3).toString("hex")}` });
  return { f, dir, installer: makeInstaller(db.prisma, f.engine, recipes), recipes, logOf };
}

async function install(x: Setup, app: string) {
  const { id } = await x.installer.install(x.f.namespace, x.f.mciId, { app }, "tester");
  await x.installer.settled(id);
  const [view] = (await x.installer.list(x.f.namespace, x.f.mciId)).filter((a) => a.app === app);
  return view;
}

describe("installing apps on real OpenSSH hosts", () => {
  it("runs every step on each Running VM, checks health, and gives each its url; a VM not Running fails in words", async () => {
    const x = await setup({ count: 3, statuses: { 2: "Suspended" } });
    const [a1, a2, a3] = x.f.vms;
    const view = await install(x, "marker");
    expect(view).toMatchObject({ app: "marker", status: "finished", counts: { installing: 0, running: 2, failed: 1 } });
    const byId = new Map(view.vms.map((v) => [v.vmId, v]));
    expect(byId.get(a1.id)).toMatchObject({ state: "running", step: "health check", url: `http://127.0.0.1:8080/${a1.name}` });
    expect(byId.get(a2.id)).toMatchObject({ state: "running", url: `http://127.0.0.1:8080/${a2.name}` });
    // Registered hosts: Barista cannot open the port, and says whose job it is.
    expect(byId.get(a1.id)!.message).toMatch(/the host's own firewall must allow tcp 8080/);
    expect(byId.get(a3.id)).toMatchObject({ state: "failed", message: expect.stringMatching(/^the VM is Suspended, not Running/) });
    expect(byId.get(a3.id)!.url).toBeUndefined();
    expect([x.logOf(a1.name), x.logOf(a2.name), x.logOf(a3.name)]).toEqual(["one\ntwo\n", "one\ntwo\n", ""]);
    // Each step (and the check) is a command of the MCI's history: a step without variables is one
    // command over both VMs, a step naming {{vmName}} one command per VM.
    const history = await x.f.engine.list(x.f.namespace, x.f.mciId, { limit: 50 });
    expect(history.map((c) => [c.vmCount, c.counts.succeeded]).reverse()).toEqual([[2, 2], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1]]);
    expect(history.at(-1)!.command).toBe(`mkdir -p ${x.dir}`);
    expect(history.map((c) => c.command)).toContain(`mkdir -p ${x.dir} && echo one >> ${x.dir}/${a1.name}.log`);
    expect([history[0].id, history[1].id]).toContain(byId.get(a1.id)!.commandId);
  });

  it("fails a VM whose step fails, with the step, exit code, last stderr line and what to do; later steps do not run there", async () => {
    const x = await setup();
    const view = await install(x, "broken");
    expect(view.counts).toEqual({ installing: 0, running: 0, failed: 2 });
    for (const vm of view.vms) {
      expect(vm).toMatchObject({ state: "failed", step: "Break" });
      expect(vm.message).toMatch(/^step "Break" \(2 of 3\) failed with exit code 3: E: no such package; see its output in the Commands tab/);
      expect(x.logOf(vm.vmName)).toBe("b1\n");
      const cmd = await x.f.engine.get(x.f.namespace, x.f.mciId, vm.commandId!);
      expect(cmd.vms.find((v) => v.vmId === vm.vmId)).toMatchObject({ status: "failed", exitCode: 3, stdout: "half-done\n" });
    }
    // Installing again after a failure runs it again (and fails the same way).
    const again = await install(x, "broken");
    expect(again.installId).not.toBe(view.installId);
    expect(x.logOf(view.vms[0].vmName)).toBe("b1\nb1\n");
  });

  it("fails a VM whose health check never passes, after its retries", async () => {
    const x = await setup();
    const view = await install(x, "unhealthy");
    expect(view.counts.failed).toBe(2);
    expect(view.vms[0]).toMatchObject({ state: "failed", step: "health check" });
    expect(view.vms[0].message).toMatch(/^the health check \(echo not yet >&2; exit 1\) did not pass in 3 tries; last: exit code 1: not yet;/);
    const history = await x.f.engine.list(x.f.namespace, x.f.mciId, { limit: 50 });
    expect(history.filter((c) => c.command.startsWith("echo not yet"))).toHaveLength(3);
  });

  it("refuses a second install of an app still installing on the MCI, in words", async () => {
    const x = await setup();
    const { id } = await x.installer.install(x.f.namespace, x.f.mciId, { app: "slow" }, "tester");
    await expect(x.installer.install(x.f.namespace, x.f.mciId, { app: "slow" }, "tester")).rejects.toThrow(/still being installed on MCI "apps-.*" \(install app-\w+, started by tester/);
    // Another app may install meanwhile.
    const other = await x.installer.install(x.f.namespace, x.f.mciId, { app: "unhealthy" }, "tester");
    await Promise.all([x.installer.settled(id), x.installer.settled(other.id)]);
    expect((await x.installer.list(x.f.namespace, x.f.mciId)).map((a) => [a.app, a.status]).sort()).toEqual([["slow", "finished"], ["unhealthy", "finished"]]);
    await expect(x.installer.install(x.f.namespace, x.f.mciId, { app: "nope" }, "tester")).rejects.toThrow(/no app "nope"; the apps are marker, broken, unhealthy, slow, resumed/);
    await expect(x.installer.install(x.f.namespace, x.f.mciId, { app: "slow", subGroup: "zz" }, "tester")).rejects.toThrow(/has no subgroup "zz"; it has a/);
  });

  it("after a restart, goes on from the step it was in", async () => {
    const x = await setup();
    const s = stores(db.prisma);
    // What a server stopped during step 2 leaves: the install at step index 1, its VMs installing.
    const id = "app-leftover01";
    await s.apps.create({ id, namespace: x.f.namespace, mciId: x.f.mciId, app: "resumed", version: "1.0.0", subGroup: null, createdBy: "tester" }, x.f.vms.map((v) => ({ vmId: v.id, vmName: v.name, state: "installing", step: "Step 2" })), () => new Error("unexpected"));
    await s.apps.setStep(id, 1);
    const after = makeInstaller(db.prisma, x.f.engine, x.recipes);
    expect(await after.resumeLeftovers()).toBe(1);
    await after.settled(id);
    const [view] = await after.list(x.f.namespace, x.f.mciId);
    expect(view).toMatchObject({ installId: id, status: "finished", counts: { running: 2 } });
    // Step 1 is not run again; step 2 (the interrupted one) and step 3 are.
    for (const vm of x.f.vms) expect(x.logOf(vm.name)).toBe("r2\nr3\n");
    expect(await after.resumeLeftovers()).toBe(0);
  });
});
