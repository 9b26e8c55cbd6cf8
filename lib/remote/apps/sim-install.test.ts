import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSpecs } from "@/lib/catalogue";
import { systemClock } from "@/lib/core/clock";
import { SimSshServer } from "@/lib/drivers/sim/ssh/server";
import { applyAction, createMci, getMci } from "@/lib/provisioning/mci";
import { eventually, startHarness, type Harness } from "@/lib/provisioning/testing/harness";
import { CommandEngine } from "@/lib/remote/commands";
import { SshPool } from "@/lib/remote/ssh-pool";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import { stores } from "@/lib/store";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import { AppCatalogue } from "./catalogue";
import { AppInstaller } from "./installer";
import { testRecipe } from "./testing";

// Installs on simulated VMs, which answer SSH through the simulator's own server: the ports go
// into the namespace's security group of the simulated cloud, and the steps use only what the
// simulated host knows (apt-get, systemctl, echo, exit).

let temp: TempDatabase;
let h: Harness;
let server: SimSshServer;
let installer: AppInstaller;
let engine: CommandEngine;
let mciId = "";
let vmIds: string[] = [];
const REGION = "aws-us-east-1";

const recipes = [
  testRecipe({
    id: "web",
    ports: [{ protocol: "tcp", port: 80, description: "HTTP" }, { protocol: "udp", port: 10000, description: "media" }],
    url: "http://{{host}}/",
    steps: [
      { name: "Update the package index", run: "sudo apt-get update" },
      { name: "Install nginx", run: "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y nginx" },
      { name: "Say who it is", run: "echo installed on {{vmName}}" },
    ],
    health: { run: "systemctl is-active --quiet nginx", intervalSeconds: 0 },
  }),
  testRecipe({ id: "flaky", steps: [{ name: "Break", run: "echo E: {{vmName}} broke >&2; exit 4" }], health: { run: "true" } }),
  testRecipe({ id: "never-up", steps: [{ name: "Nothing", run: "true" }], health: { run: "systemctl is-active --quiet no-such-daemon", retries: 1, intervalSeconds: 0 } }),
];

beforeAll(async () => {
  temp = tempDatabase();
  h = await startHarness(temp.prisma);
  const s = stores(temp.prisma);
  server = await SimSshServer.start({ cloud: h.cloud, keys: s.settings, livenessMs: 100 });
  h.cloud.ssh = server;
  const spec = listSpecs(REGION).filter((x) => !x.accelerator)[0].id;
  const answer = await createMci(h.deps, "default", { name: "sim-apps", description: "", policy: "continue", dryRun: false, subGroups: [{ region: REGION, specId: spec, count: 3 }] } as never);
  if (answer.kind !== "created") throw new Error("expected an MCI");
  mciId = answer.mci.id;
  const running = await eventually(() => getMci(h.deps, "default", mciId), (m) => m.status === "Running", "3 simulated VMs running", 60_000);
  vmIds = running.vms.map((v) => v.id);
  engine = new CommandEngine({ commands: s.commands, mcis: s.mci, connections: s.connections, driverFor: h.deps.driverFor, vault: h.deps.vault, ssh: new SshPool({ pins: memoryPins() }), clock: systemClock });
  installer = new AppInstaller({ apps: s.apps, catalogue: new AppCatalogue(recipes), mcis: s.mci, connections: s.connections, driverFor: h.deps.driverFor, commands: engine, clock: systemClock, sleep: async () => undefined });
}, 120_000);
afterAll(async () => {
  await h?.reconciler.stop();
  await server?.stop();
  await temp?.cleanup();
});

async function install(app: string) {
  const { id } = await installer.install("default", mciId, { app }, "tester");
  await installer.settled(id);
  return (await installer.list("default", mciId)).find((a) => a.installId === id)!;
}

describe("installing apps on simulated VMs", () => {
  it("opens the ports in the namespace's security group, runs the steps and reports each VM running with its url", async () => {
    const view = await install("web");
    expect(view.counts).toEqual({ installing: 0, running: 3, failed: 0 });
    const mci = await getMci(h.deps, "default", mciId);
    for (const vm of view.vms) {
      const publicIp = mci.vms.find((v) => v.id === vm.vmId)!.publicIp;
      expect(vm).toMatchObject({ state: "running", step: "health check", url: `http://${publicIp}/` });
      expect(vm.message).toBe("Test web 1.0.0 runs");
    }
    const s = stores(temp.prisma);
    const connection = mci.vms[0].connection;
    const shared = await s.mci.findShared("default", connection);
    const driver = await h.rawDriver(connection);
    const inbound = (await driver.getSecurityGroup(shared!.securityGroupId!)).rules.filter((r) => r.direction === "inbound").map((r) => `${r.protocol}/${r.fromPort}`);
    expect(inbound.sort()).toEqual(["icmp/-1", "tcp/22", "tcp/80", "udp/10000"]);
    // The templated step ran as each VM; the others as one command over all three.
    const history = await engine.list("default", mciId, { limit: 50 });
    const says = history.filter((c) => c.command.startsWith("echo installed on "));
    expect(says.map((c) => c.command).sort()).toEqual(mci.vms.map((v) => `echo installed on ${v.name}`).sort());
    expect(history.find((c) => c.command === "sudo apt-get update")?.vmCount).toBe(3);
    // Installing again changes no rule (and runs again).
    expect((await install("web")).counts.running).toBe(3);
    expect((await driver.getSecurityGroup(shared!.securityGroupId!)).rules.filter((r) => r.direction === "inbound")).toHaveLength(4);
  });

  it("fails a VM's step with its exit code and last stderr line, and a health check that never passes", async () => {
    const flaky = await install("flaky");
    for (const vm of flaky.vms) expect(vm.message).toMatch(new RegExp(`^step "Break" \\(1 of 1\\) failed with exit code 4: E: ${vm.vmName} broke; see its output`));
    const down = await install("never-up");
    expect(down.counts.failed).toBe(3);
    expect(down.vms[0].message).toMatch(/^the health check \(systemctl is-active --quiet no-such-daemon\) did not pass in 2 tries; last: exit code \d+/);
  });

  it("leaves out a VM that is not Running, in words", async () => {
    await applyAction(h.deps, "default", mciId, { action: "suspend", vmIds: [vmIds[0]] } as never);
    await eventually(() => getMci(h.deps, "default", mciId), (m) => m.vms.find((v) => v.id === vmIds[0])!.status === "Suspended", "VM suspended", 60_000);
    const view = await install("web");
    const byId = new Map(view.vms.map((v) => [v.vmId, v]));
    expect(byId.get(vmIds[0])).toMatchObject({ state: "failed", message: expect.stringMatching(/^the VM is Suspended, not Running; resume it/) });
    expect(view.counts).toEqual({ installing: 0, running: 2, failed: 1 });
  });
});
