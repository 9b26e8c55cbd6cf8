import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { CloudError } from "@/lib/core/errors";
import { PrismaSimStore } from "@/lib/store/sim-store";
import { tempDatabase } from "@/lib/store/testing";
import type { CloudDriver } from "../types";
import { MAX_TRACKED_ATTEMPTS, SimCloud } from "./cloud";
import { simConfigFromEnv } from "./config";
import { publicIpAt } from "./network";
import { SimDriver } from "./sim-driver";
import { SimTakenError, type SimRecord, type SimStore } from "./store";
import { operationMs } from "./timing";

const temp = tempDatabase();
afterAll(() => temp.cleanup());

let accounts = 0;

function makeDriver(env: Record<string, string>, opts: { clock?: ManualClock; prisma?: typeof temp.prisma; account?: string; provider?: string; region?: string } = {}) {
  const clock = opts.clock ?? new ManualClock();
  const config = simConfigFromEnv({ BARISTA_SIM_FAULTS: "off", ...env }, clock);
  const cloud = new SimCloud(new PrismaSimStore(opts.prisma ?? temp.prisma), config);
  const provider = opts.provider ?? "aws";
  const region = opts.region ?? "us-east-1";
  const driver = new SimDriver({ name: `${provider}-${region}`, driver: "sim", provider, region, credential: opts.account ?? `acct-${++accounts}` }, cloud);
  return { driver, clock, cloud };
}

async function network(driver: CloudDriver) {
  const vnet = await driver.createVNet({ name: "net", cidr: "10.1.0.0/16", subnets: [{ name: "s", cidr: "10.1.0.0/20" }] });
  const sg = await driver.createSecurityGroup({ name: "sg", vNetId: vnet.id, rules: [] });
  const key = await driver.createKeyPair({ name: "key" });
  const spec = (await driver.listSpecs()).find((s) => s.vcpu === 2)!;
  const image = (await driver.listImages())[0];
  return { subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id, specName: spec.name, imageId: image.id, vcpu: spec.vcpu };
}

async function errorOf(p: Promise<unknown>): Promise<CloudError | null> {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof CloudError ? e : Promise.reject(e)),
  );
}

describe("sim timing", () => {
  it("takes provider-typical time to create a VM, divided by the speed", async () => {
    const { driver, clock } = makeDriver({ BARISTA_SIM_SPEED: "1" }, { provider: "azure", region: "koreacentral" });
    const n = await network(driver);
    const vm = await driver.createVm({ name: "slow", ...n });
    clock.advance(60_000); // Azure takes about 95 s ± 30%: not yet done at one minute
    expect((await driver.getVm(vm.id)).status).toBe("Creating");
    clock.advance(70_000);
    expect((await driver.getVm(vm.id)).status).toBe("Running");

    const fast = makeDriver({ BARISTA_SIM_SPEED: "100" }, { provider: "azure", region: "koreacentral" });
    const m = await network(fast.driver);
    const vm2 = await fast.driver.createVm({ name: "fast", ...m });
    fast.clock.advance(1_300);
    expect((await fast.driver.getVm(vm2.id)).status).toBe("Running");
  });

  it("spreads durations deterministically around the provider's typical figure", () => {
    const aws = Array.from({ length: 200 }, (_, i) => operationMs("aws", "create", 1, "s", `vm-${i}`));
    const azure = Array.from({ length: 200 }, (_, i) => operationMs("azure", "create", 1, "s", `vm-${i}`));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.min(...aws)).toBeGreaterThanOrEqual(45_000 * 0.7);
    expect(Math.max(...aws)).toBeLessThanOrEqual(45_000 * 1.3);
    expect(mean(azure)).toBeGreaterThan(mean(aws) * 1.5);
    expect(new Set(aws).size).toBeGreaterThan(150);
    expect(operationMs("aws", "create", 1, "s", "vm-1")).toBe(aws[1]);
    expect(operationMs("aws", "create", 10, "s", "vm-1")).toBe(Math.round(aws[1] / 10));
  });
});

describe("sim persistence", () => {
  it("keeps VMs across a restart, with ids, IPs and status, and finishes operations in flight", async () => {
    const clock = new ManualClock();
    const first = makeDriver({ BARISTA_SIM_SPEED: "1" }, { clock, account: "restart" });
    const n = await network(first.driver);
    const a = await first.driver.createVm({ name: "a", ...n });
    clock.advance(100_000);
    const running = await first.driver.getVm(a.id);
    expect(running.status).toBe("Running");
    const b = await first.driver.createVm({ name: "b", ...n });
    await first.driver.suspendVm(a.id);

    // A restart: a new cloud and driver over a new client on the same database file.
    const second = makeDriver({ BARISTA_SIM_SPEED: "1" }, { clock, account: "restart", prisma: temp.reopen() });
    const seen = await second.driver.getVm(a.id);
    expect(seen.status).toBe("Suspending");
    expect(seen.publicIp).toBe(running.publicIp);
    expect(seen.privateIp).toBe(running.privateIp);
    expect((await second.driver.getVm(b.id)).status).toBe("Creating");
    clock.advance(100_000);
    const vms = await second.driver.listVms();
    expect(vms.map((v) => [v.id, v.status]).sort()).toEqual([[a.id, "Suspended"], [b.id, "Running"]].sort());
    const history = (await second.driver.getVm(a.id)).extra.history as { status: string }[];
    expect(history.map((h) => h.status)).toEqual(["Creating", "Running", "Suspending", "Suspended"]);
  });
});

describe("sim public addresses", () => {
  it("never hands one public address to two VMs created at once in different regions", async () => {
    // Every address but one is taken (the database refuses them), so after their drawn addresses
    // are refused both creates scan for that one: without one step for pick-and-take, both would
    // pick it and the second insert would break the database's rule.
    const only = publicIpAt(7);
    const real = new PrismaSimStore(temp.prisma);
    // Each asker of that address waits for the other (or half a second, when the other cannot ask
    // yet because it waits its turn), so a check-then-take race is forced, not left to chance.
    let askers = 0;
    let release = () => {};
    const bothAsked = new Promise<void>((resolve) => (release = resolve));
    const refused: string[] = [];
    const scarce: SimStore = Object.assign(Object.create(real) as SimStore, {
      insert: async (rec: SimRecord) => {
        if (rec.publicIp && rec.publicIp !== only) {
          refused.push(rec.publicIp);
          throw new SimTakenError();
        }
        return real.insert(rec);
      },
      isPublicIpTaken: async (ip: string) => {
        if (ip !== only) return true;
        if (++askers === 2) release();
        await Promise.race([bothAsked, new Promise((r) => setTimeout(r, 500))]);
        return real.isPublicIpTaken(ip);
      },
    });
    const clock = new ManualClock();
    const cloud = new SimCloud(scarce, simConfigFromEnv({ BARISTA_SIM_FAULTS: "off" }, clock));
    const drivers = ["us-east-1", "eu-west-1"].map((region) => new SimDriver({ name: `aws-${region}`, driver: "sim", provider: "aws", region, credential: `acct-${++accounts}` }, cloud));
    const requests = await Promise.all(drivers.map(network));
    const answers = await Promise.all(drivers.map((d, i) => errorOf(d.createVm({ name: `vm-${i}`, ...requests[i] }))));
    expect(answers.filter((e) => e === null)).toHaveLength(1);
    expect(answers.find((e) => e !== null)?.code).toBe("CapacityUnavailable");
    const holders = (await Promise.all(drivers.map((d) => d.listVms()))).flat().filter((v) => v.publicIp === only);
    expect(holders).toHaveLength(1);
    // Each create first tried addresses drawn from its new VM's id, taking no lock.
    expect(refused.length).toBeGreaterThanOrEqual(6);
  });
});

describe("sim limits and faults", () => {
  it("enforces the per-region vCPU quota with a message that says what to do", async () => {
    const { driver } = makeDriver({ BARISTA_SIM_VCPU_QUOTA: "5" });
    const n = await network(driver);
    await driver.createVm({ name: "one", ...n });
    await driver.createVm({ name: "two", ...n });
    const err = await errorOf(driver.createVm({ name: "three", ...n }));
    expect(err?.code).toBe("QuotaExceeded");
    expect(err?.retryable).toBe(false);
    expect(err?.message).toMatch(/5 vCPUs.*4 are in use/);
  });

  it("throttles a burst of calls beyond the provider's bucket, and says when to retry", async () => {
    const { driver } = makeDriver({ BARISTA_SIM_FAULTS: "chaos", BARISTA_SIM_SEED: "throttle" });
    let throttled: CloudError | null = null;
    // Chaos also injects transient Unavailable errors; only a Throttled answer ends the burst.
    for (let i = 0; i < 200 && throttled?.code !== "Throttled"; i++) throttled = await errorOf(driver.listSpecs());
    expect(throttled?.code).toBe("Throttled");
    expect(throttled?.retryable).toBe(true);
    expect(throttled?.retryAfterMs).toBeGreaterThan(0);
  });

  it("never injects a fault when faults are off", async () => {
    const { driver, clock } = makeDriver({ BARISTA_SIM_FAULTS: "off", BARISTA_SIM_SPEED: "1000" });
    const n = await network(driver);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await driver.createVm({ name: `vm-${i}`, ...n })).id);
    clock.advance(1_000);
    const vms = await driver.listVms();
    expect(vms.filter((v) => v.status === "Running")).toHaveLength(60);
  });

  it("gives the same faults for the same seed, and different ones for another seed", async () => {
    async function outcomes(seed: string) {
      // Each run on its own fresh database, under the same account name.
      const own = tempDatabase();
      // The network is made with faults off; the same account then meets the chaos profile.
      const clock = new ManualClock();
      const n = await network(makeDriver({ BARISTA_SIM_SPEED: "1000" }, { account: "same", prisma: own.prisma, clock }).driver);
      const { driver } = makeDriver({ BARISTA_SIM_FAULTS: "chaos", BARISTA_SIM_SEED: seed, BARISTA_SIM_SPEED: "1000" }, { account: "same", prisma: own.prisma, clock });
      const out: string[] = [];
      for (let i = 0; i < 40; i++) {
        clock.advance(2_000); // let the throttle refill so other faults show
        const r = await driver.createVm({ name: `vm-${i}`, ...n, clientToken: `t-${i}` }).then(
          (vm) => vm.id,
          (e: CloudError) => e.code,
        );
        out.push(r.startsWith("i-") ? "ok" : r);
      }
      clock.advance(500);
      const failed = (await driver.listVms()).filter((v) => v.status === "Failed").map((v) => v.name).sort();
      await own.cleanup();
      return { out, failed };
    }
    const a = await outcomes("alpha");
    const b = await outcomes("alpha");
    const c = await outcomes("beta");
    expect(b).toEqual(a);
    expect(a.out.some((x) => x !== "ok")).toBe(true);
    expect(JSON.stringify(c)).not.toEqual(JSON.stringify(a));
  });

  it("keeps a bounded number of attempt counters over a long run of calls on many targets", async () => {
    const { driver, cloud } = makeDriver({});
    for (let i = 0; i < MAX_TRACKED_ATTEMPTS * 3; i++) await cloud.call(driver.connection, "DescribeInstances", "read", `i-${i}`, async () => null);
    expect(cloud.trackedAttempts).toBe(MAX_TRACKED_ATTEMPTS);
  });

  it("still draws fresh dice for every retry of a target called among thousands of others", async () => {
    async function outcomes() {
      const clock = new ManualClock();
      const { driver, cloud } = makeDriver({ BARISTA_SIM_FAULTS: "chaos", BARISTA_SIM_SEED: "dice" }, { clock, account: "dice" });
      const out: string[] = [];
      for (let i = 0; i < 300; i++) {
        clock.advance(1_000); // let the throttle refill: only the dice decide
        out.push(await cloud.call(driver.connection, "DescribeInstances", "read", "*", async () => "ok").catch((e: CloudError) => e.code));
        for (let j = 0; j < 50; j++) await cloud.call(driver.connection, "DescribeVolumes", "read", `vol-${i}-${j}`, async () => null).catch(() => null);
      }
      return out;
    }
    const a = await outcomes();
    // About one call in twenty fails (chaos), not all or none: each retry rolled again.
    expect(a.filter((x) => x === "Unavailable").length).toBeGreaterThan(3);
    expect(a.filter((x) => x === "ok").length).toBeGreaterThan(250);
    expect(await outcomes()).toEqual(a);
  });

  it("refuses a bad setting with the variable's name", () => {
    expect(() => simConfigFromEnv({ BARISTA_SIM_FAULTS: "sometimes" })).toThrow(/BARISTA_SIM_FAULTS/);
    expect(() => simConfigFromEnv({ BARISTA_SIM_SPEED: "-2" })).toThrow(/BARISTA_SIM_SPEED/);
  });
});
