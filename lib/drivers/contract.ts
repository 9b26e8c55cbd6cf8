import { describe, expect, it } from "vitest";
import { CloudError } from "@/lib/core/errors";
import type { CloudDriver, Vm } from "./types";

/**
 * Where a driver legitimately differs from a cloud. A cloud has them all (the default); a driver
 * turns one off only for what its machines cannot do, and the contract then checks that it says
 * so in a typed error instead of pretending.
 */
export interface DriverCapabilities {
  /** VMs can be suspended and resumed (false: registered hosts are never powered off or on). */
  suspend: boolean;
  /** VMs can be rebooted through the driver. */
  reboot: boolean;
  /** Every spec has an hourly price above zero (false: owned machines cost nothing by the hour). */
  pricedSpecs: boolean;
  /** createVm answers Creating and terminateVm Terminating (false: a claim on a host takes effect at once). */
  transitions: boolean;
  /** A VM gets an address in its subnet and a public IPv4 address (false: a host keeps its own addresses). */
  subnetAddresses: boolean;
  /** Security groups are real firewalls that take rules later (false: a host's firewall is its owner's). */
  firewall: boolean;
}

export const CLOUD_CAPABILITIES: DriverCapabilities = { suspend: true, reboot: true, pricedSpecs: true, transitions: true, subnetAddresses: true, firewall: true };

export interface ContractHarness {
  driver: CloudDriver;
  /** Lets provider time pass: a manual clock for the simulator, real waiting for a real cloud. */
  advance(ms: number): Promise<void>;
  /** Longest an operation may take on this driver before the contract calls it stuck. */
  maxOperationMs: number;
  /** What the driver's machines cannot do; a cloud (the default) can do everything. */
  capabilities?: Partial<DriverCapabilities>;
}

function capabilitiesOf(h: ContractHarness): DriverCapabilities {
  return { ...CLOUD_CAPABILITIES, ...h.capabilities };
}

async function expectCloudError(p: Promise<unknown>, code: string): Promise<CloudError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected a ${code} error`).toBeInstanceOf(CloudError);
  expect((err as CloudError).code).toBe(code);
  return err as CloudError;
}

async function waitFor(h: ContractHarness, id: string, status: Vm["status"]): Promise<Vm> {
  const step = Math.max(1, Math.ceil(h.maxOperationMs / 20));
  for (let waited = 0; waited <= h.maxOperationMs * 2; waited += step) {
    const vm = await h.driver.getVm(id);
    if (vm.status === status) return vm;
    await h.advance(step);
  }
  return h.driver.getVm(id);
}

/**
 * What every driver must do, whatever cloud is behind it. Each driver's test file calls this with
 * a harness bound to one connection; the suite makes and cleans up its own resources.
 */
export function describeDriverContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`CloudDriver contract: ${name}`, () => {
    it("lists its region, specs and images in the normalized shapes", async () => {
      const h = await setup();
      const { driver } = h;
      const regions = await driver.listRegions();
      expect(regions.some((r) => r.region === driver.connection.region && r.provider === driver.connection.provider)).toBe(true);
      const specs = await driver.listSpecs();
      expect(specs.length).toBeGreaterThan(0);
      for (const s of specs) {
        expect(s.vcpu).toBeGreaterThan(0);
        expect(s.memoryGiB).toBeGreaterThan(0);
        if (capabilitiesOf(h).pricedSpecs) expect(s.pricePerHour).toBeGreaterThan(0);
        else expect(s.pricePerHour).toBeGreaterThanOrEqual(0);
      }
      expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
      const images = await driver.listImages();
      expect(images.length).toBeGreaterThan(0);
      expect(images.filter((i) => i.isDefault)).toHaveLength(1);
      expect((await driver.verify()).regionFound).toBe(true);
    });

    it("makes network resources once, finds them by tag, and refuses a duplicate name", async () => {
      const h = await setup();
      const { driver } = h;
      const tags = { "barista-owner": `contract-${Date.now()}` };
      const vnet = await driver.createVNet({ name: "contract-net", cidr: "10.40.0.0/16", subnets: [{ name: "a", cidr: "10.40.1.0/24" }], tags });
      expect(vnet.subnets).toHaveLength(1);
      expect((await driver.getVNet(vnet.id)).cidr).toBe("10.40.0.0/16");
      expect((await driver.listVNets({ tags })).map((v) => v.id)).toEqual([vnet.id]);
      await expectCloudError(driver.createVNet({ name: "contract-net", cidr: "10.41.0.0/16", subnets: [] }), "Conflict");
      await expectCloudError(driver.createVNet({ name: "bad-net", cidr: "10.0.0.1/33", subnets: [] }), "InvalidArgument");
      await expectCloudError(driver.createVNet({ name: "out-net", cidr: "10.42.0.0/16", subnets: [{ name: "x", cidr: "10.43.0.0/24" }] }), "InvalidArgument");
      const sg = await driver.createSecurityGroup({ name: "contract-sg", vNetId: vnet.id, rules: [{ direction: "inbound", protocol: "tcp", fromPort: 22, toPort: 22, cidr: "0.0.0.0/0" }], tags });
      expect((await driver.getSecurityGroup(sg.id)).rules).toHaveLength(1);
      // An app's ports: added once, however often asked, beside the rule the group had.
      const web = { direction: "inbound" as const, protocol: "tcp" as const, fromPort: 80, toPort: 80, cidr: "0.0.0.0/0" };
      const media = { direction: "inbound" as const, protocol: "udp" as const, fromPort: 10000, toPort: 10000, cidr: "0.0.0.0/0" };
      if (capabilitiesOf(h).firewall) {
        expect((await driver.addSecurityRules(sg.id, [web, media, web])).rules).toHaveLength(3);
        await driver.addSecurityRules(sg.id, [media, { ...web, fromPort: 443, toPort: 443 }]);
        const rules = (await driver.getSecurityGroup(sg.id)).rules.filter((r) => r.direction === "inbound");
        expect(rules.map((r) => `${r.protocol}/${r.fromPort}`).sort()).toEqual(["tcp/22", "tcp/443", "tcp/80", "udp/10000"]);
        await expectCloudError(driver.addSecurityRules("sg-00000000000000000", [web]), "NotFound");
      } else {
        const refused = await expectCloudError(driver.addSecurityRules(sg.id, [web, media]), "NotSupported");
        expect(refused.message).toMatch(/firewall must allow tcp 80, udp 10000/);
        expect((await driver.getSecurityGroup(sg.id)).rules).toHaveLength(1);
      }
      const key = await driver.createKeyPair({ name: "contract-key", tags });
      expect(key.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
      expect(key.publicKey).toMatch(/^ssh-ed25519 /);
      expect((await driver.getKeyPair(key.id)).privateKey).toBeUndefined();
      await driver.deleteKeyPair(key.id);
      await driver.deleteSecurityGroup(sg.id);
      await driver.deleteVNet(vnet.id);
      await expectCloudError(driver.getVNet(vnet.id), "NotFound");
    });

    it("runs a VM through its whole life and refuses invalid transitions with the reason", async () => {
      const h = await setup();
      const { driver } = h;
      const can = capabilitiesOf(h);
      const tags = { "barista-owner": `vm-${Date.now()}` };
      const vnet = await driver.createVNet({ name: "life-net", cidr: "10.50.0.0/16", subnets: [{ name: "a", cidr: "10.50.1.0/24" }], tags });
      const sg = await driver.createSecurityGroup({ name: "life-sg", vNetId: vnet.id, rules: [], tags });
      const key = await driver.createKeyPair({ name: "life-key", tags });
      const spec = (await driver.listSpecs())[0];
      const image = (await driver.listImages()).find((i) => i.isDefault)!;
      const req = { name: "life-vm", specName: spec.name, imageId: image.id, subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id, tags, clientToken: `tok-${tags["barista-owner"]}` };

      await expectCloudError(driver.createVm({ ...req, specName: "no-such-spec", clientToken: undefined }), "InvalidArgument");
      const created = await driver.createVm(req);
      expect(created.status).toBe(can.transitions ? "Creating" : "Running");
      expect((await driver.createVm(req)).id).toBe(created.id);
      expect((await driver.listVms({ tags })).map((v) => v.id)).toEqual([created.id]);

      const running = await waitFor(h, created.id, "Running");
      expect(running.status).toBe("Running");
      if (can.subnetAddresses) {
        expect(running.privateIp).toMatch(/^10\.50\.1\.\d+$/);
        expect(running.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      } else {
        expect(running.publicIp ?? running.privateIp).toBeTruthy();
      }

      if (can.suspend) {
        const refused = await expectCloudError(driver.resumeVm(created.id), "Conflict");
        expect(refused.message).toMatch(/resume/);
        expect((await driver.suspendVm(created.id)).status).toBe("Suspending");
        expect((await waitFor(h, created.id, "Suspended")).status).toBe("Suspended");
        await expectCloudError(driver.rebootVm(created.id), "Conflict");
        await driver.resumeVm(created.id);
        expect((await waitFor(h, created.id, "Running")).status).toBe("Running");
      } else {
        // A driver that cannot must say so in words, and the VM stays as it was.
        expect((await expectCloudError(driver.suspendVm(created.id), "NotSupported")).message).toMatch(/cannot power/);
        expect((await expectCloudError(driver.resumeVm(created.id), "NotSupported")).message).toMatch(/cannot power/);
        expect((await driver.getVm(created.id)).status).toBe("Running");
      }
      if (can.reboot) {
        expect((await driver.rebootVm(created.id)).status).toBe("Rebooting");
        expect((await waitFor(h, created.id, "Running")).status).toBe("Running");
      } else {
        expect((await expectCloudError(driver.rebootVm(created.id), "NotSupported")).message).toMatch(/reboot/);
      }

      await expectCloudError(driver.deleteVNet(vnet.id), "Conflict");
      const ending = can.transitions ? "Terminating" : "Terminated";
      expect((await driver.terminateVm(created.id)).status).toBe(ending);
      expect((await driver.terminateVm(created.id)).status).toBe(ending);
      if (can.transitions) expect((await waitFor(h, created.id, "Terminated")).status).toBe("Terminated");
      else {
        // Gone at once: the cloud answers it Terminated or no longer knows it.
        const after = await driver.getVm(created.id).then((v) => v.status, (e: unknown) => (e instanceof CloudError ? e.code : e));
        expect(["Terminated", "NotFound"]).toContain(after);
        expect(await driver.listVms({ tags })).toEqual([]);
      }
      await driver.deleteSecurityGroup(sg.id);
      await driver.deleteKeyPair(key.id);
      await driver.deleteVNet(vnet.id);
      await expectCloudError(driver.getVm("i-00000000000000000"), "NotFound");
    });

    it("answers metrics or says it cannot", async () => {
      const { driver } = await setup();
      const r = await driver.getMetrics("i-00000000000000000", { metric: "cpu_utilization", fromMs: 0, toMs: 60_000, stepSeconds: 10 }).then(
        (s) => s,
        (e: unknown) => e,
      );
      if (r instanceof CloudError) expect(["NotSupported", "NotFound"]).toContain(r.code);
      else expect(r).toHaveProperty("points");
    });
  });
}
