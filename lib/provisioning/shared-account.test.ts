import { afterEach, describe, expect, it } from "vitest";
import { listSpecs } from "@/lib/catalogue";
import type { CloudDriver, Tags, Vm } from "@/lib/drivers/types";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import type { MciCreate, MciView } from "@/lib/validation/mci";
import { LEGACY_MANAGED, MANAGED_TAG, NAMESPACE_TAG, OWNER_TAG } from "./deps";
import { createMci, deleteMci, getMci } from "./mci";
import { watchConnection } from "./reconciler/watch-step";
import { eventually, startHarness, type Harness } from "./testing/harness";

// Two connections on one cloud account: the built-in one and a twin a second team adds with the
// same provider, region and credential. The simulator's account is credential@provider-region,
// so both see the same vNets, security groups, key pairs and VMs.
const BUILTIN = "aws-us-east-1";
const TWIN = "team-aws";
const SPEC = listSpecs(BUILTIN).filter((s) => !s.accelerator)[0].id;

let temp: TempDatabase;
let h: Harness | null = null;

afterEach(async () => {
  await h?.reconciler.stop();
  h = null;
  await temp?.cleanup();
});

async function start(): Promise<Harness> {
  temp = tempDatabase();
  h = await startHarness(temp.prisma);
  await h.deps.connections.create({ name: TWIN, provider: "aws", region: "us-east-1", regionKey: BUILTIN, driver: "sim", credential: "default" });
  return h;
}

async function deploy(h: Harness, name: string, connection: string, count: number): Promise<MciView> {
  const req: MciCreate = { name, description: "", policy: "continue", dryRun: false, subGroups: [{ connection, specId: SPEC, count }] };
  const answer = await createMci(h.deps, "default", req);
  if (answer.kind !== "created") throw new Error("expected an MCI");
  return eventually(() => getMci(h.deps, "default", answer.mci.id), (m) => m.status === "Running" || m.statusCount.failed > 0, `${name} running`);
}

const live = (vms: Vm[]) => vms.filter((v) => v.status !== "Terminated" && v.status !== "Terminating");

/** A VM made straight on the cloud, as another tool or another Barista would make it. */
async function foreignVm(driver: CloudDriver, name: string, tags: Tags): Promise<Vm> {
  const vnet = await driver.createVNet({ name: `${name}-net`, cidr: "10.9.0.0/16", subnets: [{ name: `${name}-sub`, cidr: "10.9.0.0/20" }] });
  const sg = await driver.createSecurityGroup({ name: `${name}-sg`, vNetId: vnet.id, rules: [] });
  const key = await driver.createKeyPair({ name: `${name}-key` });
  const spec = listSpecs(BUILTIN).find((s) => s.id === SPEC)!;
  return driver.createVm({ name, specName: spec.name, imageId: (await driver.listImages())[0].id, subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id, tags });
}

async function watchPasses(h: Harness, connections: string[], passes = 4): Promise<void> {
  for (let i = 0; i < passes; i++) for (const c of connections) await watchConnection(h.deps, c);
}

describe("two connections on one cloud account", () => {
  it("deploys an MCI on each, both reach Running and keep every VM through several watch passes", async () => {
    const h = await start();
    const [mine, theirs] = await Promise.all([deploy(h, "builtin-web", BUILTIN, 3), deploy(h, "team-web", TWIN, 3)]);
    expect(mine.status).toBe("Running");
    expect(theirs.vms.map((v) => v.statusReason ?? v.status)).toEqual(["Running", "Running", "Running"]);

    await watchPasses(h, [BUILTIN, TWIN]);
    const cloud = live(await (await h.rawDriver(BUILTIN)).listVms());
    expect(cloud).toHaveLength(6);
    for (const id of [mine.id, theirs.id]) {
      const m = await getMci(h.deps, "default", id);
      expect(m.status).toBe("Running");
      for (const vm of m.vms) expect(cloud.map((c) => c.id)).toContain(vm.cloudId);
    }
    // Each connection has its own network in the account, found again by its owner tag.
    expect(await (await h.rawDriver(BUILTIN)).listVNets()).toHaveLength(2);
    expect(h.errors).toEqual([]);
  });

  it("deleting the MCI of one connection frees only that connection's network", async () => {
    const h = await start();
    const [mine, theirs] = await Promise.all([deploy(h, "builtin-web", BUILTIN, 2), deploy(h, "team-web", TWIN, 2)]);
    await deleteMci(h.deps, "default", theirs.id);
    await eventually(() => h.deps.repo.findMci(theirs.id), (m) => m === null, "the twin's MCI removed");

    const driver = await h.rawDriver(BUILTIN);
    const nets = await driver.listVNets();
    expect(nets).toHaveLength(1);
    expect(nets[0].id).toBe((await h.deps.repo.findShared("default", BUILTIN))?.vNetId);
    expect(await h.deps.repo.findShared("default", TWIN)).toBeNull();
    await watchPasses(h, [BUILTIN, TWIN]);
    expect(live(await driver.listVms())).toHaveLength(2);
    expect((await getMci(h.deps, "default", mine.id)).status).toBe("Running");
  });
});

describe("the orphan sweep", () => {
  it("never terminates a VM another Barista installation made on the same account, whatever its tag", async () => {
    const h = await start();
    const driver = await h.rawDriver(BUILTIN);
    const other = await foreignVm(driver, "other-install", { [OWNER_TAG]: "vm-0123456789ab", [MANAGED_TAG]: "another-installation", [NAMESPACE_TAG]: "default" });
    // An older Barista tagged every VM "true": nothing proves such a VM is ours.
    const older = await foreignVm(driver, "older-install", { [OWNER_TAG]: "vm-ba9876543210", [MANAGED_TAG]: LEGACY_MANAGED, [NAMESPACE_TAG]: "default" });
    await watchPasses(h, [BUILTIN, TWIN]);
    const ids = live(await driver.listVms()).map((v) => v.id);
    expect(ids).toContain(other.id);
    expect(ids).toContain(older.id);
  });

  it("still terminates a VM tagged as this installation's that no row owns", async () => {
    const h = await start();
    const driver = await h.rawDriver(BUILTIN);
    const orphan = await foreignVm(driver, "orphan", { [OWNER_TAG]: "vm-000000000000", [MANAGED_TAG]: h.deps.installationId, [NAMESPACE_TAG]: "default" });
    await watchConnection(h.deps, TWIN);
    expect(live(await driver.listVms()).map((v) => v.id)).not.toContain(orphan.id);
  });

  it("keeps following a VM an older version tagged before the tag carried the installation id", async () => {
    const h = await start();
    const mci = await deploy(h, "legacy", BUILTIN, 2);
    for (const vm of mci.vms) {
      const rec = (await h.cloud.store.get(vm.cloudId!))!;
      await h.cloud.store.update(rec.id, { tags: { ...rec.tags, [MANAGED_TAG]: LEGACY_MANAGED } });
    }
    await watchPasses(h, [BUILTIN, TWIN]);
    const after = await getMci(h.deps, "default", mci.id);
    expect(after.status).toBe("Running");
    expect(after.vms.map((v) => [v.status, v.statusReason])).toEqual([
      ["Running", null],
      ["Running", null],
    ]);
  });
});
