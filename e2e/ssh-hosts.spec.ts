import { expect, test } from "@playwright/test";
import { startTestHosts, type TestSshd } from "../lib/remote/testing/sshd.mjs";
import { waitForMci } from "./support/api";

// Two real OpenSSH servers on 127.0.0.1, registered as your own servers through the API: verify,
// an MCI of 2 VMs on them, terminate, and the hosts are free again.
let hosts: TestSshd[] = [];

test.beforeAll(async () => {
  hosts = await startTestHosts(2);
});
test.afterAll(async () => {
  for (const h of hosts) await h.stop();
});

test("your own servers: add, verify, deploy an MCI of 2 VMs on them, terminate, hosts free again", async ({ request, page }) => {
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

  const mci = await request.post("/api/v1/ns/default/mci", { data: { name: "on-my-servers", subGroups: [{ connection: "e2e-lab", count: 2 }] } });
  expect(mci.status(), await mci.text()).toBe(202);
  const id = (await mci.json()).id as string;
  const running = await waitForMci(request, "", id, (m) => m.status === "Running");
  expect(running.statusCount.running).toBe(2);

  const held = await (await request.get("/api/v1/connections/e2e-lab")).json();
  expect(held.hosts.map((h: { free: boolean }) => h.free)).toEqual([false, false]);
  const suspend = await request.post(`/api/v1/ns/default/mci/${id}/actions`, { data: { action: "suspend" } });
  expect(suspend.status()).toBe(409);
  expect((await suspend.json()).error).toMatch(/cannot power hosts off/);

  await page.goto("/connections");
  await expect(page.locator('[data-testid="connection-row"][data-name="e2e-lab"] [data-testid="host-count"]')).toHaveText("0 of 2 hosts free");

  const terminate = await request.post(`/api/v1/ns/default/mci/${id}/actions`, { data: { action: "terminate" } });
  expect(terminate.status(), await terminate.text()).toBe(202);
  await waitForMci(request, "", id, (m) => m.statusCount.terminated === 2);
  await expect.poll(async () => (await (await request.get("/api/v1/connections/e2e-lab")).json()).hosts.map((h: { free: boolean }) => h.free)).toEqual([true, true]);
  // Nothing was powered off: both servers are still up.
  expect((await (await request.post("/api/v1/connections/e2e-lab/verify")).json()).ok).toBe(true);
});
