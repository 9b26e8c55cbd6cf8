import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSpecs } from "@/lib/catalogue";
import { systemClock } from "@/lib/core/clock";
import { applyAction, createMci, getMci } from "@/lib/provisioning/mci";
import { eventually, startHarness, type Harness } from "@/lib/provisioning/testing/harness";
import { SshPool } from "@/lib/remote/ssh-pool";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import { stores } from "@/lib/store";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import type { CommandCreate } from "@/lib/validation/commands";
import { SimSshServer } from "@/lib/drivers/sim/ssh/server";
import { CommandEngine } from "./engine";

// The same command path over VMs of the simulator, which answer SSH through its own server: the
// engine, the driver's sshLogin, the namespace's key from the vault and the pool are the
// server's own.

let temp: TempDatabase;
let h: Harness;
let server: SimSshServer;
let engine: CommandEngine;
let mciId = "";
let vmIds: string[] = [];
const REGION = "aws-us-east-1";

beforeAll(async () => {
  temp = tempDatabase();
  h = await startHarness(temp.prisma);
  const s = stores(temp.prisma);
  server = await SimSshServer.start({ cloud: h.cloud, keys: s.settings, livenessMs: 100 });
  h.cloud.ssh = server;
  const spec = listSpecs(REGION).filter((x) => !x.accelerator)[0].id;
  const answer = await createMci(h.deps, "default", { name: "sim-commands", description: "", policy: "continue", dryRun: false, subGroups: [{ region: REGION, specId: spec, count: 50 }] } as never);
  if (answer.kind !== "created") throw new Error("expected an MCI");
  mciId = answer.mci.id;
  const running = await eventually(() => getMci(h.deps, "default", mciId), (m) => m.status === "Running", "50 simulated VMs running", 60_000);
  vmIds = running.vms.map((v) => v.id);
  engine = new CommandEngine({
    commands: s.commands,
    mcis: s.mci,
    connections: s.connections,
    driverFor: h.deps.driverFor,
    vault: h.deps.vault,
    ssh: new SshPool({ pins: memoryPins() }),
    clock: systemClock,
  });
}, 120_000);
afterAll(async () => {
  await h?.reconciler.stop();
  await server?.stop();
  await temp?.cleanup();
});

const request = (command: string, more: Partial<CommandCreate> = {}): CommandCreate => ({ command, timeoutSeconds: 300, concurrency: 100, ...more });

async function run(command: string, more: Partial<CommandCreate> = {}) {
  const { id } = await engine.start("default", mciId, request(command, more), "tester");
  await engine.settled(id);
  return engine.get("default", mciId, id);
}

describe("remote commands over simulated VMs", () => {
  it("answers as each VM, with stdout, stderr and exit codes, on 50 VMs at once", async () => {
    const v = await run("uname -s; hostname; echo oops >&2; exit 3");
    expect(v.counts.failed).toBe(50);
    for (const vm of v.vms) expect([vm.exitCode, vm.stdout, vm.stderr]).toEqual([3, `Linux\n${vm.vmName}\n`, "oops\n"]);
    const unknown = await run("no-such-tool", { vmIds: [vmIds[0]] });
    expect(unknown.vms[0]).toMatchObject({ status: "failed", exitCode: 127 });
    expect(unknown.vms[0].stderr).toMatch(/: not found\n$/);
  });

  it("times out and cancels", async () => {
    const timed = await run("sleep 30", { vmIds: [vmIds[0]], timeoutSeconds: 1 });
    expect(timed.vms[0].status).toBe("timedOut");
    const { id } = await engine.start("default", mciId, request("sleep 30", { vmIds: vmIds.slice(0, 3), concurrency: 2 }), "tester");
    await eventually(() => engine.get("default", mciId, id), (c) => c.counts.running === 2, "two running");
    await engine.cancel("default", mciId, id);
    await engine.settled(id);
    const cancelled = await engine.get("default", mciId, id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.vms.map((x) => x.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
  });

  it("marks a VM that stops mid-command unreachable; the others finish", async () => {
    const [gone, stays] = vmIds.slice(-2);
    const { id } = await engine.start("default", mciId, request("sleep 2; echo done", { vmIds: [gone, stays] }), "tester");
    await eventually(() => engine.get("default", mciId, id), (c) => c.counts.running === 2, "both running");
    await applyAction(h.deps, "default", mciId, { action: "suspend", vmIds: [gone] } as never);
    await engine.settled(id);
    const v = await engine.get("default", mciId, id);
    const byId = new Map(v.vms.map((x) => [x.vmId, x]));
    expect(byId.get(gone)?.status).toBe("unreachable");
    expect(byId.get(stays)).toMatchObject({ status: "succeeded", stdout: "done\n" });
  });
});
