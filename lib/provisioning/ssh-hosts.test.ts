import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudError } from "@/lib/core/errors";
import { addSshConnection } from "@/lib/drivers/ssh/testing";
import { SshPool } from "@/lib/remote/ssh-pool";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import { startTestHosts, type TestSshd } from "@/lib/remote/testing/sshd.mjs";
import { tempDatabase } from "@/lib/store/testing";
import type { MciCreate } from "@/lib/validation/mci";
import { applyAction, createMci, deleteMci, getMci, scaleOut } from "./mci";
import { eventually, startHarness, type Harness } from "./testing/harness";

const temp = tempDatabase();
const pool = new SshPool({ pins: memoryPins() });
let a: TestSshd;
let b: TestSshd;
let h: Harness;

beforeAll(async () => {
  [a, b] = await startTestHosts(2);
  h = await startHarness(temp.prisma, {}, undefined, {
    ssh: pool,
    secrets: async (name) => {
      if (name !== "lab-key") throw new Error(`no credential ${name}`);
      return { username: a.username, privateKey: a.privateKey };
    },
  });
  await addSshConnection(h.deps.connections, "lab", "lab-key", [a, b]);
});
afterAll(async () => {
  await h?.reconciler.stop();
  pool.closeAll();
  await a?.stop();
  await b?.stop();
  await temp.cleanup();
});

const request = (name: string, subGroups: MciCreate["subGroups"], dryRun = false): MciCreate => ({ name, description: "", policy: "continue", dryRun, subGroups });

async function refusal(p: Promise<unknown>): Promise<CloudError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(CloudError);
  return e as CloudError;
}

describe("MCIs on your own servers", () => {
  it("takes only a count on an ssh connection, and still asks a spec of a cloud subgroup", async () => {
    const withSpec = await refusal(createMci(h.deps, "default", request("bad", [{ connection: "lab", specId: "t3.micro", count: 1 }])));
    expect([withSpec.code, withSpec.field, withSpec.message]).toEqual(["InvalidArgument", "subGroups.0.specId", expect.stringMatching(/takes only a count/)]);
    const noSpec = await refusal(createMci(h.deps, "default", request("bad", [{ region: "aws-us-east-1", count: 1 }])));
    expect([noSpec.code, noSpec.field, noSpec.message]).toEqual(["InvalidArgument", "subGroups.0.specId", expect.stringMatching(/needs a specId/)]);
  });

  it("refuses more VMs than free hosts with the reason (409), and reviews the hosts' shapes at their location", async () => {
    const tooMany = await refusal(createMci(h.deps, "default", request("big", [{ connection: "lab", count: 3 }])));
    expect(tooMany.code).toBe("Conflict");
    expect(tooMany.message).toMatch(/^lab has 2 free hosts of 2; 3 VMs asked for there/);
    const answer = await createMci(h.deps, "default", request("review", [{ connection: "lab", count: 3 }], true));
    if (answer.kind !== "review") throw new Error("expected a review");
    expect(answer.review.warnings).toEqual([{ subGroup: null, kind: "capacity", message: expect.stringMatching(/lab has 2 free hosts of 2/) }]);
    expect(answer.review.costPerHour).toBe(0);
    expect(answer.review.vms[0]).toMatchObject({ latitude: 52.52, longitude: 13.4, region: "ssh-lab", pricePerHour: 0 });
  });

  it("deploys on the hosts, refuses suspend, resume, reboot and removing the connection while they are held, and frees them on delete", async () => {
    const made = await createMci(h.deps, "default", request("lab-mci", [{ name: "hosts", connection: "lab", count: 2 }]));
    if (made.kind !== "created") throw new Error("expected an MCI");
    const running = await eventually(() => getMci(h.deps, "default", made.mci.id), (m) => m.status === "Running", "both VMs running on the hosts");
    for (const vm of running.vms) {
      expect(vm).toMatchObject({ provider: "ssh", region: "ssh-lab", latitude: 52.52, longitude: 13.4, pricePerHour: 0, publicIp: "127.0.0.1" });
      expect(vm.vcpu).toBeGreaterThan(0);
      expect(vm.memoryGiB).toBeGreaterThan(0);
    }
    expect(running.costPerHour).toBe(0);
    const lab = await h.deps.connections.get("lab");
    expect(lab.hosts.map((x) => x.free)).toEqual([false, false]);
    expect(lab.hosts.map((x) => x.vm).sort()).toEqual(["hosts-1", "hosts-2"]);

    const other = await refusal(createMci(h.deps, "default", request("other", [{ connection: "lab", count: 1 }])));
    expect(other.message).toMatch(/^lab has 0 free hosts of 2; 2 are used by MCI lab-mci/);
    expect((await refusal(scaleOut(h.deps, "default", made.mci.id, "hosts", 1))).code).toBe("Conflict");
    for (const [action, words] of [["suspend", /cannot power hosts off/], ["resume", /cannot power hosts on/], ["reboot", /cannot reboot hosts/]] as const) {
      const e = await refusal(applyAction(h.deps, "default", made.mci.id, { action }));
      expect([action, e.code]).toEqual([action, "Conflict"]);
      expect(e.message).toMatch(words);
    }
    const held = await refusal(h.deps.connections.remove("lab"));
    expect([held.code, held.message]).toEqual(["Conflict", expect.stringMatching(/still lends 2 hosts to VMs/)]);

    await deleteMci(h.deps, "default", made.mci.id);
    await eventually(async () => (await h.deps.connections.get("lab")).hosts.every((x) => x.free), (free) => free, "hosts given back");
    await eventually(() => getMci(h.deps, "default", made.mci.id).then(() => "there", () => "gone"), (s) => s === "gone", "the MCI removed");
    // Nothing was powered off: both servers still answer.
    expect((await pool.exec(a, "echo up")).exitCode).toBe(0);
    expect((await pool.exec({ ...b, privateKey: a.privateKey }, "echo up")).exitCode).toBe(0);
  });
});
