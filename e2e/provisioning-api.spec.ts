import { expect, test } from "@playwright/test";
import { cheapSpec, cloudVms, getMci, waitForMci, type Mci } from "./support/api";

type Region = { key: string; provider: string };

test.describe("provisioning API", () => {
  test("namespaces: default exists, a new one can be added, a bad name is refused", async ({ request }) => {
    const list = (await (await request.get("/api/v1/namespaces")).json()) as { name: string }[];
    expect(list.map((n) => n.name)).toContain("default");
    const created = await request.post("/api/v1/namespaces", { data: { name: `team-${Date.now() % 100000}` } });
    expect(created.status()).toBe(201);
    const bad = await request.post("/api/v1/namespaces", { data: { name: "Bad Name" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/^body\.name: /);
  });

  test("a dry run reviews every VM with costs and warnings, and makes nothing", async ({ request }) => {
    const spec = await cheapSpec(request, "", "aws-us-east-1");
    const r = await request.post("/api/v1/ns/default/mci", { data: { name: "review-only", dryRun: true, subGroups: [{ region: "aws-us-east-1", specId: spec, imageId: undefined, count: 3 }] } });
    expect(r.status(), await r.text()).toBe(200);
    const review = await r.json();
    expect(review.vms).toHaveLength(3);
    expect(review.vms[0]).toMatchObject({ region: "aws-us-east-1", specId: spec });
    expect(review.costPerHour).toBeGreaterThan(0);
    expect(review.costPerMonth).toBeCloseTo(review.costPerHour * 730, 2);
    expect(Array.isArray(review.warnings)).toBe(true);
    const mcis = (await (await request.get("/api/v1/ns/default/mci")).json()) as Mci[];
    expect(mcis.find((m) => m.name === "review-only")).toBeUndefined();
  });

  test("refuses bad input with the field and an unknown MCI with 404", async ({ request }) => {
    const noCount = await request.post("/api/v1/ns/default/mci", { data: { name: "x", subGroups: [{ region: "aws-us-east-1", specId: "t3.micro", count: 0 }] } });
    expect(noCount.status()).toBe(400);
    expect((await noCount.json()).error).toMatch(/subGroups\.0\.count/);
    const badRegion = await request.post("/api/v1/ns/default/mci", { data: { name: "x", subGroups: [{ region: "aws-mars-1", specId: "t3.micro", count: 1 }] } });
    expect(badRegion.status()).toBe(404);
    expect((await badRegion.json()).error).toMatch(/aws-mars-1/);
    const badSpec = await request.post("/api/v1/ns/default/mci", { data: { name: "x", subGroups: [{ region: "aws-us-east-1", specId: "no.such", count: 1 }] } });
    expect(badSpec.status()).toBe(400);
    expect((await badSpec.json()).error).toMatch(/specId/);
    expect((await request.get("/api/v1/ns/default/mci/mci-nope")).status()).toBe(404);
    expect((await request.get("/api/v1/ns/nobody/mci")).status()).toBe(404);
  });

  test("100 VMs over 20 regions reach Running; suspend, resume, scale out, terminate, delete", async ({ request }) => {
    test.setTimeout(240_000);
    const regions = ((await (await request.get("/api/v1/regions")).json()) as Region[]).filter((r) => ["aws", "gcp", "azure", "alibaba", "tencent"].includes(r.provider));
    const picked = Array.from({ length: 20 }, (_, i) => regions[Math.floor((i * regions.length) / 20)].key);
    const subGroups = await Promise.all(picked.map(async (region) => ({ region, specId: await cheapSpec(request, "", region), count: 5 })));
    const created = await request.post("/api/v1/ns/default/mci", { data: { name: "global-100", subGroups } });
    expect(created.status(), await created.text()).toBe(202);
    const { id, statusCount } = (await created.json()) as Mci;
    expect(statusCount.total).toBe(100);

    const running = await waitForMci(request, "", id, (m) => m.status === "Running");
    expect(running.statusCount.running).toBe(100);
    expect(running.costPerHour).toBeGreaterThan(0);
    // What Barista believes matches what each cloud reports.
    for (const region of picked.slice(0, 5)) {
      const cloud = await cloudVms(request, "", region);
      const ours = running.vms.filter((v) => v.connection === region);
      expect(cloud.filter((c) => c.tags["barista-mci"] === id).map((c) => c.tags["barista-owner"]).sort()).toEqual(ours.map((v) => v.id).sort());
    }

    const refused = await request.post(`/api/v1/ns/default/mci/${id}/actions`, { data: { action: "resume" } });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error).toMatch(/cannot resume a VM that is Running/);

    expect((await request.post(`/api/v1/ns/default/mci/${id}/actions`, { data: { action: "suspend" } })).status()).toBe(202);
    await waitForMci(request, "", id, (m) => m.status === "Suspended");
    expect((await request.post(`/api/v1/ns/default/mci/${id}/actions`, { data: { action: "resume" } })).status()).toBe(202);
    await waitForMci(request, "", id, (m) => m.status === "Running");

    const scale = await request.post(`/api/v1/ns/default/mci/${id}/subgroups/${picked[0]}/scale`, { data: { add: 2 } });
    expect(scale.status(), await scale.text()).toBe(202);
    const added = await request.post(`/api/v1/ns/default/mci/${id}/subgroups`, { data: { name: "extra", region: "aws-eu-west-1", specId: await cheapSpec(request, "", "aws-eu-west-1"), count: 1 } });
    expect(added.status(), await added.text()).toBe(202);
    const grown = await waitForMci(request, "", id, (m) => m.statusCount.running === 103);
    expect(grown.subGroups.find((s) => s.name === picked[0])!.count).toBe(7);

    expect((await request.post(`/api/v1/ns/default/mci/${id}/actions`, { data: { action: "terminate", subGroup: "extra" } })).status()).toBe(202);
    const after = await waitForMci(request, "", id, (m) => m.statusCount.terminated === 1);
    expect(after.status).toBe("Partial-Running (102/103)");

    expect((await request.delete(`/api/v1/ns/default/mci/${id}`)).status()).toBe(202);
    await expect.poll(async () => (await request.get(`/api/v1/ns/default/mci/${id}`)).status(), { timeout: 90_000 }).toBe(404);
    for (const region of picked.slice(0, 5)) expect((await cloudVms(request, "", region)).filter((c) => c.tags["barista-mci"] === id)).toEqual([]);
  });

  test("an MCI and a VM can be read back by id, with the fields the console shows", async ({ request }) => {
    const spec = await cheapSpec(request, "", "gcp-asia-northeast3");
    const created = (await (await request.post("/api/v1/ns/default/mci", { data: { name: "fields", subGroups: [{ region: "gcp-asia-northeast3", specId: spec, count: 1 }] } })).json()) as Mci;
    const m = await waitForMci(request, "", created.id, (x) => x.status === "Running");
    const vm = m.vms[0];
    expect(vm).toMatchObject({ subGroup: "gcp-asia-northeast3", connection: "gcp-asia-northeast3", region: "gcp-asia-northeast3", status: "Running", specId: spec });
    expect(vm.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(vm.latitude).not.toBe(0);
    const again = await getMci(request, "", created.id);
    expect(again.vms[0].id).toBe(vm.id);
    const key = await request.get("/api/v1/ns/default/ssh-key");
    expect(await key.text()).toContain("BEGIN OPENSSH PRIVATE KEY");
    await request.delete(`/api/v1/ns/default/mci/${created.id}`);
  });

  test("connections named after regions with capitals (kt-KR1, ncp-KR) answer like any other", async ({ request }) => {
    for (const name of ["kt-KR1", "ncp-KR"]) {
      expect((await request.get(`/api/v1/connections/${name}`)).status()).toBe(200);
      expect((await request.get(`/api/v1/connections/${name}/vms`)).status()).toBe(200);
      const verify = await request.post(`/api/v1/connections/${name}/verify`);
      expect(verify.status()).toBe(200);
      expect((await verify.json()).ok).toBe(true);
    }
  });
});
