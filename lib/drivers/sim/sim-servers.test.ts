import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { PrismaSimStore } from "@/lib/store/sim-store";
import { tempDatabase } from "@/lib/store/testing";
import { SimCloud } from "./cloud";
import { simConfigFromEnv } from "./config";
import type { VmData } from "./mappers";
import { SimDriver } from "./sim-driver";

const temp = tempDatabase();
afterAll(() => temp.cleanup());

/** The same simulated cloud as two servers sharing one database see it: each its own process state. */
function twoServers() {
  const clock = new ManualClock();
  const conn = { name: "aws-us-east-1", driver: "sim", provider: "aws", region: "us-east-1", credential: "shared-account" };
  const server = (prisma: typeof temp.prisma) => {
    const cloud = new SimCloud(new PrismaSimStore(prisma), simConfigFromEnv({ BARISTA_SIM_FAULTS: "off", BARISTA_SIM_SPEED: "10" }, clock));
    return { cloud, driver: new SimDriver(conn, cloud) };
  };
  return { clock, a: server(temp.prisma), b: server(temp.reopen()) };
}

describe("the simulator under several servers", () => {
  it("is one cloud: VMs created at once through two servers get distinct addresses, one VM per client token, and boot with no server watching", async () => {
    const { clock, a, b } = twoServers();
    const vnet = await a.driver.createVNet({ name: "net", cidr: "10.1.0.0/16", subnets: [{ name: "s", cidr: "10.1.0.0/24" }] });
    const sg = await a.driver.createSecurityGroup({ name: "sg", vNetId: vnet.id, rules: [] });
    const key = await a.driver.createKeyPair({ name: "key" });
    const spec = (await a.driver.listSpecs()).find((s) => s.vcpu === 1)!;
    const image = (await a.driver.listImages())[0];
    const req = (name: string) => ({ name, subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id, specName: spec.name, imageId: image.id, clientToken: name });
    const names = Array.from({ length: 24 }, (_, i) => `vm-${i}`);
    // Each VM asked of both servers at once (a retry after a lost reply, landing on the other server).
    const made = await Promise.all(names.flatMap((n) => [a.driver.createVm(req(n)), b.driver.createVm(req(n))]));
    const listed = await b.driver.listVms();
    expect(listed).toHaveLength(names.length);
    for (let i = 0; i < names.length; i++) expect(made[2 * i].id).toBe(made[2 * i + 1].id);
    expect(new Set(listed.map((v) => v.privateIp)).size).toBe(names.length);
    expect(new Set(listed.map((v) => v.publicIp)).size).toBe(names.length);

    // Server a is gone; its VMs boot on the cloud's own time, as b sees when it looks.
    clock.advance(60_000);
    const seen = await Promise.all(listed.flatMap((v) => [b.driver.getVm(v.id), a.driver.getVm(v.id)]));
    expect(seen.every((v) => v.status === "Running")).toBe(true);
    // Settled once, although both servers looked at the same moment: one Running in each history.
    for (const v of listed) {
      const history = ((await a.cloud.store.get(v.id))!.data as unknown as VmData).history;
      expect(history.map((h) => h.status)).toEqual(["Creating", "Running"]);
    }
  });
});
