import { afterEach, describe, expect, it } from "vitest";
import { listSpecs } from "@/lib/catalogue";
import { QuotaExceededError } from "@/lib/core/errors";
import type { CloudDriver } from "@/lib/drivers/types";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import type { MciCreate, MciView } from "@/lib/validation/mci";
import { applyAction, createMci, deleteMci, getMci, scaleOut } from "./mci";
import { eventually, startHarness, type Harness } from "./testing/harness";
import { faultyDriver } from "./testing/faulty-driver";

const REGIONS = ["aws-us-east-1", "gcp-europe-west1", "azure-koreacentral"];
const cheapest = (region: string) => listSpecs(region).filter((s) => !s.accelerator)[0].id;

let temp: TempDatabase;
let harnesses: Harness[] = [];

afterEach(async () => {
  for (const h of harnesses) await h.reconciler.stop();
  harnesses = [];
  await temp?.cleanup();
});

async function harness(...args: Parameters<typeof startHarness> extends [unknown, ...infer R] ? R : never): Promise<Harness> {
  temp ??= tempDatabase();
  const h = await startHarness(temp.prisma, ...args);
  harnesses.push(h);
  return h;
}

function request(name: string, count: number, regions = REGIONS, extra: Partial<MciCreate> = {}): MciCreate {
  return { name, description: "", policy: "continue", dryRun: false, subGroups: regions.map((region) => ({ region, specId: cheapest(region), count })), ...extra };
}

async function create(h: Harness, req: MciCreate): Promise<MciView> {
  const answer = await createMci(h.deps, "default", req);
  if (answer.kind !== "created") throw new Error("expected an MCI");
  return answer.mci;
}

const read = (h: Harness, id: string) => () => getMci(h.deps, "default", id);

async function cloudCount(h: Harness, region: string, kind: "vms" | "vnets"): Promise<number> {
  const d = await h.rawDriver(region);
  if (kind === "vnets") return (await d.listVNets()).length;
  return (await d.listVms()).filter((v) => v.status !== "Terminated").length;
}

describe("reconciler", () => {
  it("deploys an MCI over three clouds to Running, with one shared network per connection", async () => {
    temp = tempDatabase();
    const h = await harness();
    const mci = await create(h, request("web", 4));
    expect(mci.statusCount.total).toBe(12);
    expect(mci.statusCount.creating).toBe(12);
    const done = await eventually(read(h, mci.id), (m) => m.status === "Running", "all 12 VMs running");
    expect(done.statusCount.running).toBe(12);
    expect(done.vms.every((v) => v.publicIp && v.privateIp?.startsWith("10.77."))).toBe(true);
    for (const r of REGIONS) {
      expect(await cloudCount(h, r, "vms")).toBe(4);
      expect(await cloudCount(h, r, "vnets")).toBe(1);
    }
    expect(h.errors).toEqual([]);
  });

  it("makes the shared resources exactly once when many MCIs deploy into the same region at once", async () => {
    temp = tempDatabase();
    const h = await harness();
    const ids = await Promise.all([1, 2, 3, 4, 5].map(async (i) => (await create(h, request(`burst-${i}`, 2, ["aws-ap-northeast-2"]))).id));
    for (const id of ids) await eventually(read(h, id), (m) => m.status === "Running", `MCI ${id} running`);
    const d = await h.rawDriver("aws-ap-northeast-2");
    expect(await d.listVNets()).toHaveLength(1);
    expect(await d.listSecurityGroups()).toHaveLength(1);
    expect(await d.listKeyPairs()).toHaveLength(1);
    expect(await cloudCount(h, "aws-ap-northeast-2", "vms")).toBe(10);
  });

  it("suspends, resumes, reboots and scales out, and refuses an invalid transition with the reason", async () => {
    temp = tempDatabase();
    const h = await harness();
    const mci = await create(h, request("ctl", 2, ["aws-us-east-1", "gcp-europe-west1"]));
    await eventually(read(h, mci.id), (m) => m.status === "Running", "running");

    await expect(applyAction(h.deps, "default", mci.id, { action: "resume" })).rejects.toThrow(/cannot resume a VM that is Running/);
    await applyAction(h.deps, "default", mci.id, { action: "suspend", subGroup: "aws-us-east-1" });
    const partly = await eventually(read(h, mci.id), (m) => m.statusCount.suspended === 2, "one subgroup suspended");
    expect(partly.status).toBe("Partial-Running (2/4)");
    expect(partly.state).toEqual({ phase: "Partial", leading: "Running", count: 2, total: 4, busy: false });
    expect(partly.subGroups.map((s) => [s.name, s.status, s.state.phase, s.state.leading])).toEqual([
      ["aws-us-east-1", "Suspended", "Uniform", "Suspended"],
      ["gcp-europe-west1", "Running", "Uniform", "Running"],
    ]);
    await expect(applyAction(h.deps, "default", mci.id, { action: "reboot", subGroup: "aws-us-east-1" })).rejects.toThrow(/cannot reboot a VM that is Suspended/);
    await applyAction(h.deps, "default", mci.id, { action: "resume", subGroup: "aws-us-east-1" });
    await eventually(read(h, mci.id), (m) => m.status === "Running", "resumed");

    const one = partly.vms[0].id;
    await applyAction(h.deps, "default", mci.id, { action: "reboot", vmIds: [one] });
    const rebooted = await eventually(read(h, mci.id), (m) => m.vms.find((v) => v.id === one)!.history.some((x) => x.status === "Rebooting") && m.status === "Running", "rebooted");
    expect(rebooted.vms.find((v) => v.id === one)!.history.map((x) => x.status)).toContain("Rebooting");

    await scaleOut(h.deps, "default", mci.id, "gcp-europe-west1", 3);
    const scaled = await eventually(read(h, mci.id), (m) => m.statusCount.running === 7, "scaled to 7");
    expect(scaled.subGroups.find((s) => s.name === "gcp-europe-west1")!.count).toBe(5);
    expect(scaled.vms.map((v) => v.name)).toContain("gcp-europe-west1-5");
    expect(await cloudCount(h, "gcp-europe-west1", "vms")).toBe(5);
  });

  it("finishes with exactly the requested VMs when every 7th call fails and every 5th reply is lost", async () => {
    temp = tempDatabase();
    const counter = { calls: 0, mutations: 0 };
    const h = await harness({}, (d: CloudDriver) => faultyDriver(d, { failEvery: 7, loseEvery: 5 }, counter));
    const mci = await create(h, request("rough", 5));
    await eventually(read(h, mci.id), (m) => m.status === "Running", "running despite faults", 30_000);
    expect(counter.mutations).toBeGreaterThan(15);
    for (const r of REGIONS) {
      expect(await cloudCount(h, r, "vms")).toBe(5);
      expect(await cloudCount(h, r, "vnets")).toBe(1);
    }
  });

  it("rollback leaves no cloud resource when a VM fails", async () => {
    temp = tempDatabase();
    const failing = (d: CloudDriver): CloudDriver =>
      d.connection.name === "gcp-europe-west1" ? Object.assign(Object.create(d), { createVm: () => Promise.reject(new QuotaExceededError("VcpuLimitExceeded: injected quota")) }) : d;
    const h = await harness({}, failing);
    const mci = await create(h, request("rb", 2, REGIONS, { policy: "rollback" }));
    const end = await eventually(read(h, mci.id), (m) => m.statusCount.terminated + m.statusCount.failed === 6 && m.statusCount.running === 0, "rolled back");
    expect(end.statusCount.failed).toBe(2);
    for (const r of REGIONS) {
      await eventually(() => cloudCount(h, r, "vms"), (n) => n === 0, `${r} has no VM`);
      await eventually(() => cloudCount(h, r, "vnets"), (n) => n === 0, `${r} has no vNet`);
    }
  });

  it("refine leaves only the running VMs", async () => {
    temp = tempDatabase();
    const failing = (d: CloudDriver): CloudDriver =>
      d.connection.name === "azure-koreacentral" ? Object.assign(Object.create(d), { createVm: () => Promise.reject(new QuotaExceededError("OperationNotAllowed: injected quota")) }) : d;
    const h = await harness({}, failing);
    const mci = await create(h, request("rf", 2, REGIONS, { policy: "refine" }));
    // The failed VMs count out once terminated; their rows and subgroup go at the MCI's next step.
    const end = await eventually(read(h, mci.id), (m) => m.statusCount.total === 4 && m.status === "Running" && m.subGroups.length === 2, "refined to the 4 running VMs");
    expect(end.subGroups.map((s) => s.name).sort()).toEqual(["aws-us-east-1", "gcp-europe-west1"]);
    expect(await cloudCount(h, "azure-koreacentral", "vnets")).toBe(0);
  });

  it("resumes a deployment after the reconciler stops mid-way, as after a crash", async () => {
    temp = tempDatabase();
    const first = await harness({ BARISTA_SIM_SPEED: "200" });
    const mci = await create(first, request("restart", 3));
    await eventually(read(first, mci.id), (m) => m.vms.some((v) => v.cloudId), "some VMs started");
    await first.reconciler.stop();
    harnesses = [];
    const second = await harness({ BARISTA_SIM_SPEED: "200" });
    await eventually(read(second, mci.id), (m) => m.status === "Running", "running after restart", 30_000);
    for (const r of REGIONS) expect(await cloudCount(second, r, "vms")).toBe(3);
  });

  it("deletes an MCI: terminates its VMs, frees the network, then removes it", async () => {
    temp = tempDatabase();
    const h = await harness();
    const mci = await create(h, request("gone", 2, ["aws-us-east-1"]));
    await eventually(read(h, mci.id), (m) => m.status === "Running", "running");
    await deleteMci(h.deps, "default", mci.id);
    const deleting = await read(h, mci.id)();
    expect(deleting.status).toMatch(/^Deleting \(\d\/2 terminated\)$/);
    expect(deleting.state).toMatchObject({ phase: "Deleting", leading: "Terminated", total: 2, busy: true });
    await eventually(() => h.deps.repo.findMci(mci.id), (m) => m === null, "MCI removed");
    expect(await cloudCount(h, "aws-us-east-1", "vms")).toBe(0);
    expect(await cloudCount(h, "aws-us-east-1", "vnets")).toBe(0);
  });
});
