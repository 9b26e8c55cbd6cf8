import { expect, test } from "@playwright/test";
import { cheapSpec, cloudVms, getMci, waitForMci, type Mci } from "./support/api";
import { startOwnServer } from "./support/server";

// Beside the shared server's port, so two checkouts can run their tests at once.
const PORT = Number(process.env.E2E_PORT ?? 3210);

const REGIONS = ["aws-ap-northeast-2", "azure-westeurope", "gcp-us-central1", "alibaba-ap-southeast-1"];

test.describe("provisioning on a server of its own", () => {
  test("kill -9 during a deployment, restart: the MCI is Running with exactly the requested VMs and no orphan", async ({ request }) => {
    test.setTimeout(300_000);
    const db = `file:./data/e2e/crash-${Date.now()}.db`;
    const env = { DATABASE_URL: db, BARISTA_SIM_SPEED: "10", BARISTA_SIM_FAULTS: "realistic", BARISTA_SIM_SEED: "crash" };
    let server = await startOwnServer(PORT + 11, env);
    const base = server.url;
    const subGroups = await Promise.all(REGIONS.map(async (region) => ({ region, specId: await cheapSpec(request, base, region), count: 6 })));
    const created = await request.post(`${base}/api/v1/ns/default/mci`, { data: { name: "crash", subGroups } });
    expect(created.status(), await created.text()).toBe(202);
    const { id } = (await created.json()) as Mci;
    // Crash while VMs are being made: some exist in the clouds, others not yet.
    await waitForMci(request, base, id, (m) => m.vms.some((v) => v.status === "Creating") && m.vms.filter((v) => v.publicIp).length > 0, 60_000);
    await server.crash();

    server = await startOwnServer(PORT + 11, env);
    try {
      const done = await waitForMci(request, base, id, (m) => !m.vms.some((v) => ["Creating"].includes(v.status)), 180_000);
      // Realistic faults may fail a VM for good (a failed boot); every other one runs.
      expect(done.statusCount.total).toBe(24);
      expect(done.statusCount.running + done.statusCount.failed).toBe(24);
      expect(done.statusCount.running).toBeGreaterThanOrEqual(20);
      for (const region of REGIONS) {
        const cloud = (await cloudVms(request, base, region)).filter((c) => c.status !== "Failed");
        const ours = done.vms.filter((v) => v.connection === region && v.status === "Running").map((v) => v.id).sort();
        expect(cloud.map((c) => c.tags["barista-owner"]).sort(), `cloud VMs in ${region}`).toEqual(ours);
      }
    } finally {
      await server.stop();
    }
  });

  test("under chaos, rollback leaves no VM and refine leaves only running ones", async ({ request }) => {
    test.setTimeout(300_000);
    // A small quota makes failures certain: 4 × 2 vCPU fit in 8, the rest fail with QuotaExceeded.
    const env = { DATABASE_URL: `file:./data/e2e/chaos-${Date.now()}.db`, BARISTA_SIM_SPEED: "200", BARISTA_SIM_FAULTS: "chaos", BARISTA_SIM_SEED: "policies", BARISTA_SIM_VCPU_QUOTA: "8" };
    const server = await startOwnServer(PORT + 12, env);
    const base = server.url;
    try {
      const specs = (await (await request.get(`${base}/api/v1/regions/aws-us-west-2/specs`)).json()) as { id: string; vcpu: number; accelerator: unknown }[];
      const twoVcpu = specs.find((s) => s.vcpu === 2 && !s.accelerator)!.id;
      const specs2 = (await (await request.get(`${base}/api/v1/regions/aws-eu-central-1/specs`)).json()) as { id: string; vcpu: number; accelerator: unknown }[];
      const twoVcpu2 = specs2.find((s) => s.vcpu === 2 && !s.accelerator)!.id;

      const rb = await request.post(`${base}/api/v1/ns/default/mci`, { data: { name: "rollback", policy: "rollback", subGroups: [{ region: "aws-us-west-2", specId: twoVcpu, count: 6 }] } });
      expect(rb.status(), await rb.text()).toBe(202);
      const rf = await request.post(`${base}/api/v1/ns/default/mci`, { data: { name: "refine", policy: "refine", subGroups: [{ region: "aws-eu-central-1", specId: twoVcpu2, count: 6 }] } });
      expect(rf.status(), await rf.text()).toBe(202);
      const rbId = ((await rb.json()) as Mci).id;
      const rfId = ((await rf.json()) as Mci).id;

      const rolled = await waitForMci(request, base, rbId, (m) => m.statusCount.running === 0 && m.statusCount.creating === 0 && m.statusCount.terminating === 0, 240_000);
      expect(rolled.statusCount.failed).toBeGreaterThan(0);
      await expect.poll(async () => (await cloudVms(request, base, "aws-us-west-2")).length, { timeout: 120_000 }).toBe(0);

      const refined = await waitForMci(request, base, rfId, (m) => m.status === "Running", 240_000);
      expect(refined.statusCount.failed).toBe(0);
      expect(refined.statusCount.total).toBeLessThan(6);
      expect(refined.statusCount.total).toBeGreaterThan(0);
      const cloud = (await cloudVms(request, base, "aws-eu-central-1")).filter((c) => c.status !== "Failed");
      expect(cloud.map((c) => c.tags["barista-owner"]).sort()).toEqual(refined.vms.map((v) => v.id).sort());
      expect((await getMci(request, base, rfId)).subGroups[0].count).toBe(refined.statusCount.total);
    } finally {
      await server.stop();
    }
  });
});
