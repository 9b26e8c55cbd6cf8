import { hostname } from "node:os";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startTestHosts, type TestSshd } from "../lib/remote/testing/sshd.mjs";
import { waitForMci, type Mci } from "./support/api";

// Two real OpenSSH servers on 127.0.0.1, registered as your own servers through the API: verify,
// an MCI of 2 VMs on them, remote commands (exit codes, stderr, timeouts, cancel, many at once, a
// host dying mid-command), agentless metrics, the Commands tab, a changed host key, terminate.
type CommandVm = { vmId: string; vmName: string; status: string; exitCode: number | null; stdout: string; stderr: string; message: string | null };
type Command = { id: string; command: string; status: string; vms: CommandVm[] };
type Series = { vm?: string; name?: string; points: [number, number][] };

let hosts: TestSshd[] = [];
let mci: Mci;
const base = () => `/api/v1/ns/default/mci/${mci.id}/commands`;

/** The VM of the MCI that runs on this host (the ssh driver names the host in its public IP and port). */
function vmOn(host: TestSshd, vms: CommandVm[]): CommandVm {
  const i = hosts.indexOf(host);
  const found = vms.find((v) => v.vmId === mci.vms[i].id);
  expect(found, `no VM ${mci.vms[i].id} in ${JSON.stringify(vms)}`).toBeTruthy();
  return found!;
}

async function runCommand(request: APIRequestContext, command: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await request.post(base(), { data: { command, ...extra } });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function getCommand(request: APIRequestContext, cid: string): Promise<Command> {
  const res = await request.get(`${base()}/${cid}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Command;
}

/** Polls the command until `check` holds; the last answer is in the failure message. */
async function waitForCommand(request: APIRequestContext, cid: string, check: (c: Command) => boolean = (c) => c.status !== "running", timeout = 60_000): Promise<Command> {
  let last: Command | null = null;
  await expect
    .poll(async () => check((last = await getCommand(request, cid))), { timeout, intervals: [200, 500, 1000] })
    .toBe(true)
    .catch((e) => {
      throw new Error(`${String(e)}\nlast: ${JSON.stringify(last)}`);
    });
  return last!;
}

/**
 * Which hosts the MCI's VMs sit on: each VM's ssh login is its host, so a command printing the
 * sshd's port (from SSH_CONNECTION) tells them apart; hosts[i] then runs mci.vms[i].
 */
async function orderVmsByHost(request: APIRequestContext) {
  const done = await waitForCommand(request, await runCommand(request, "echo ${SSH_CONNECTION##* }"));
  const portOf = new Map(done.vms.map((v) => [v.vmId, Number(v.stdout.trim())]));
  mci.vms.sort((a, b) => hosts.findIndex((h) => h.port === portOf.get(a.id)) - hosts.findIndex((h) => h.port === portOf.get(b.id)));
  expect(mci.vms.map((v) => portOf.get(v.id))).toEqual(hosts.map((h) => h.port));
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  hosts = await startTestHosts(2);
});
test.afterAll(async () => {
  for (const h of hosts) await h.stop();
});

test("your own servers: add, verify, deploy an MCI of 2 VMs on them", async ({ request, page }) => {
  test.setTimeout(180_000);
  const [a, b] = hosts;
  const credential = await request.post("/api/v1/credentials", { data: { name: "e2e-lab-key", provider: "ssh", secrets: { username: a.username, privateKey: a.privateKey } } });
  expect(credential.status(), await credential.text()).toBe(201);
  const created = await request.post("/api/v1/connections", {
    data: { name: "e2e-lab", provider: "ssh", driver: "ssh", region: "e2e-lab", credential: "e2e-lab-key", location: { latitude: 48.14, longitude: 11.58 }, hosts: [{ address: a.host, port: a.port }, { address: b.host, port: b.port }] },
  });
  expect(created.status(), await created.text()).toBe(201);

  const verified = await (await request.post("/api/v1/connections/e2e-lab/verify")).json();
  expect(verified, JSON.stringify(verified)).toMatchObject({ ok: true });
  expect(verified.hosts.map((h: { ok: boolean }) => h.ok)).toEqual([true, true]);

  const created2 = await request.post("/api/v1/ns/default/mci", { data: { name: "on-my-servers", subGroups: [{ connection: "e2e-lab", count: 2 }] } });
  expect(created2.status(), await created2.text()).toBe(202);
  mci = await waitForMci(request, "", (await created2.json()).id as string, (m) => m.status === "Running");
  expect(mci.statusCount.running).toBe(2);

  const held = await (await request.get("/api/v1/connections/e2e-lab")).json();
  expect(held.hosts.map((h: { free: boolean }) => h.free)).toEqual([false, false]);
  const suspend = await request.post(`/api/v1/ns/default/mci/${mci.id}/actions`, { data: { action: "suspend" } });
  expect(suspend.status()).toBe(409);
  expect((await suspend.json()).error).toMatch(/cannot power hosts off/);

  await page.goto("/connections");
  await expect(page.locator('[data-testid="connection-row"][data-name="e2e-lab"] [data-testid="host-count"]')).toHaveText("0 of 2 hosts free");
  await orderVmsByHost(request);
});

test("commands on the real hosts: exit codes with stdout and stderr apart, a timeout, a cancel", async ({ request }) => {
  test.setTimeout(120_000);
  const failed = await waitForCommand(request, await runCommand(request, "echo out; echo err >&2; hostname; exit 4"));
  expect(failed.status).toBe("finished");
  expect(failed.vms).toHaveLength(2);
  for (const vm of failed.vms) {
    expect(vm, JSON.stringify(vm)).toMatchObject({ status: "failed", exitCode: 4, stderr: "err\n" });
    expect(vm.stdout).toMatch(/^out\n\S+\n$/);
  }

  const slow = await waitForCommand(request, await runCommand(request, "sleep 2; echo done", { timeoutSeconds: 1 }));
  for (const vm of slow.vms) {
    expect(vm, JSON.stringify(vm)).toMatchObject({ status: "timedOut", stdout: "" });
    expect(vm.message).toMatch(/still running after 1 s/);
  }

  const sleeper = await runCommand(request, "sleep 60");
  await waitForCommand(request, sleeper, (c) => c.vms.every((v) => v.status === "running"));
  const cancel = await request.post(`${base()}/${sleeper}/cancel`);
  expect(cancel.status(), await cancel.text()).toBe(202);
  const cancelled = await waitForCommand(request, sleeper, (c) => c.status !== "running", 30_000);
  expect(cancelled.status).toBe("cancelled");
  expect(cancelled.vms.map((v) => v.status)).toEqual(["cancelled", "cancelled"]);
  // The cancel killed the sleep on the hosts themselves, not only the wait for it.
  const left = await waitForCommand(request, await runCommand(request, `pgrep -f '[b]arista-${sleeper}' || echo none`));
  for (const vm of left.vms) expect(vm.stdout.trim(), JSON.stringify(vm)).toBe("none");
});

test("50 commands at once on both hosts all succeed", async ({ request }) => {
  test.setTimeout(120_000);
  const ids = await Promise.all(Array.from({ length: 25 }, (_, i) => runCommand(request, `echo run-${i}; sleep 0.2`)));
  const done = await Promise.all(ids.map((cid) => waitForCommand(request, cid, undefined, 90_000)));
  done.forEach((c, i) => {
    expect(c.status).toBe("finished");
    for (const vm of c.vms) expect(vm, JSON.stringify(vm)).toMatchObject({ status: "succeeded", exitCode: 0, stdout: `run-${i}\n` });
  });
  expect(done.flatMap((c) => c.vms)).toHaveLength(50);
});

test("host metrics arrive from /proc over SSH, without an agent", async ({ request }) => {
  test.setTimeout(150_000);
  for (const metric of ["cpu_utilization", "mem_utilization"]) {
    let last: unknown = null;
    await expect
      .poll(
        async () => {
          const res = await request.get(`/api/v1/metrics?${new URLSearchParams({ mci: mci.id, metric, step: "10" })}`);
          const body = (last = await res.json()) as { series?: Series[] };
          return mci.vms.every((vm) => (body.series ?? []).some((s) => s.vm === vm.id && s.points.length > 0));
        },
        { timeout: 120_000, intervals: [2000] },
      )
      .toBe(true)
      .catch((e) => {
        throw new Error(`${metric}: ${String(e)}\nlast: ${JSON.stringify(last).slice(0, 600)}`);
      });
    const body = last as { series: Series[] };
    // Percentages, as the charts read them.
    const values = body.series.flatMap((s) => s.points.map(([, v]) => v));
    expect(Math.min(...values), metric).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values), metric).toBeLessThanOrEqual(100);
  }
});

test("the Commands tab runs a command on both real hosts", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`/ns/default/mci/${mci.id}`);
  await page.getByRole("tab", { name: "Commands" }).click();
  await expect(page.getByTestId("commands-tab")).toBeVisible();
  await page.getByTestId("command-input").fill("uname -s; hostname");
  await page.getByTestId("command-input").press("Enter");
  const view = page.getByTestId("command-view");
  await expect(view).toHaveAttribute("data-status", "finished");
  await expect(view).toHaveAttribute("data-command-id", /^cmd-/);
  const rows = page.getByTestId("command-vm-row");
  await expect(rows).toHaveCount(2);
  for (const vm of mci.vms) {
    const row = page.locator(`[data-testid="command-vm-row"][data-vm-id="${vm.id}"]`);
    await expect(row).toHaveAttribute("data-status", "succeeded");
    // The hosts are this machine: its kernel's name and its own host name.
    await expect(row.getByTestId("command-output")).toHaveText(new RegExp(`^\\s*Linux\\s+${hostname()}\\s*$`));
  }
  await expect(page.getByTestId("command-counts")).toHaveAttribute("data-succeeded", "2");
  await page.screenshot({ path: test.info().outputPath("ssh-hosts-commands.png") });
});

test("a host that dies mid-command is unreachable, the other finishes; it comes back", async ({ request }) => {
  test.setTimeout(120_000);
  const [alive, dying] = hosts;
  const cid = await runCommand(request, "echo started; sleep 5; echo ok");
  // Both are inside the sleep before the host dies.
  await waitForCommand(request, cid, (c) => c.vms.every((v) => v.stdout.includes("started")), 30_000);
  await dying.stop(true);
  try {
    const ended = await waitForCommand(request, cid, undefined, 60_000);
    expect(ended.status).toBe("finished");
    expect(vmOn(alive, ended.vms)).toMatchObject({ status: "succeeded", exitCode: 0, stdout: "started\nok\n" });
    const lost = vmOn(dying, ended.vms);
    expect(lost, JSON.stringify(lost)).toMatchObject({ status: "unreachable", exitCode: null });
    expect(lost.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${dying.port}`));

    // While it is down, a new command says so for that VM and still runs on the other.
    const down = await waitForCommand(request, await runCommand(request, "echo hi"));
    expect(vmOn(alive, down.vms)).toMatchObject({ status: "succeeded", stdout: "hi\n" });
    expect(vmOn(dying, down.vms).status).toBe("unreachable");
    expect(vmOn(dying, down.vms).message).toMatch(/connect|refused|ECONNREFUSED/i);
  } finally {
    await dying.start();
  }
  const back = await waitForCommand(request, await runCommand(request, "echo back"));
  expect(back.vms.map((v) => [v.status, v.stdout])).toEqual([
    ["succeeded", "back\n"],
    ["succeeded", "back\n"],
  ]);
});

test("a changed host key is refused with the reason, and an admin forgetting the pin lets the host in again", async ({ request }) => {
  test.setTimeout(120_000);
  const rebuilt = hosts[1];
  const id = `127.0.0.1:${rebuilt.port}`;
  const pins = (await (await request.get("/api/v1/host-keys")).json()) as { hostId: string; fingerprint: string }[];
  const before = pins.find((p) => p.hostId === id);
  expect(before, JSON.stringify(pins)).toBeTruthy();
  const oldFingerprint = rebuilt.hostFingerprint;
  expect(before!.fingerprint).toBe(oldFingerprint);

  // A rebuilt machine: a new host key, and its open sessions gone with the old one.
  await rebuilt.stop(true);
  rebuilt.rotateHostKey();
  await rebuilt.start();
  expect(rebuilt.hostFingerprint).not.toBe(oldFingerprint);

  const refused = await waitForCommand(request, await runCommand(request, "echo hi"));
  expect(vmOn(hosts[0], refused.vms).status).toBe("succeeded");
  const vm = vmOn(rebuilt, refused.vms);
  expect(vm, JSON.stringify(vm)).toMatchObject({ status: "unreachable", exitCode: null, stdout: "" });
  expect(vm.message).toContain(`the host key of ${id} changed`);
  expect(vm.message).toContain(oldFingerprint);
  expect(vm.message).toContain(rebuilt.hostFingerprint);
  expect(vm.message).toContain(`DELETE /api/v1/host-keys/${encodeURIComponent(id)}`);

  // Verifying the connection tells the same story for that host.
  const verified = (await (await request.post("/api/v1/connections/e2e-lab/verify")).json()) as { ok: boolean; hosts: { port: number; ok: boolean; message: string }[] };
  expect(verified.ok, JSON.stringify(verified)).toBe(false);
  // Hosts are answered in address:port order, not in the order the test started them.
  const byPort = new Map(verified.hosts.map((h) => [h.port, h]));
  expect([byPort.get(hosts[0].port)?.ok, byPort.get(rebuilt.port)?.ok]).toEqual([true, false]);
  expect(byPort.get(rebuilt.port)?.message).toContain(`the host key of ${id} changed`);

  const forgot = await request.delete(`/api/v1/host-keys/${encodeURIComponent(id)}`);
  expect(forgot.status(), await forgot.text()).toBe(204);
  const again = await waitForCommand(request, await runCommand(request, "echo hi"));
  expect(again.vms.map((v) => v.status)).toEqual(["succeeded", "succeeded"]);
  expect((await (await request.post("/api/v1/connections/e2e-lab/verify")).json()).ok).toBe(true);
  // The new key is the one pinned now.
  const after = ((await (await request.get("/api/v1/host-keys")).json()) as { hostId: string; fingerprint: string }[]).find((p) => p.hostId === id);
  expect(after?.fingerprint).toBe(rebuilt.hostFingerprint);
});

test("terminate releases the hosts and powers nothing off", async ({ request }) => {
  test.setTimeout(120_000);
  const terminate = await request.post(`/api/v1/ns/default/mci/${mci.id}/actions`, { data: { action: "terminate" } });
  expect(terminate.status(), await terminate.text()).toBe(202);
  await waitForMci(request, "", mci.id, (m) => m.statusCount.terminated === 2);
  await expect.poll(async () => (await (await request.get("/api/v1/connections/e2e-lab")).json()).hosts.map((h: { free: boolean }) => h.free)).toEqual([true, true]);
  // Nothing was powered off: both servers are still up.
  expect((await (await request.post("/api/v1/connections/e2e-lab/verify")).json()).ok).toBe(true);
});
