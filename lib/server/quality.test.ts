import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRegions } from "@/lib/catalogue";
import { addSshConnection } from "@/lib/drivers/ssh/testing";
import { createLatencyModel } from "@/lib/placement/latency";
import { createMci, getMci } from "@/lib/provisioning/mci";
import { eventually, startHarness, type Harness } from "@/lib/provisioning/testing/harness";
import { SshPool } from "@/lib/remote/ssh-pool";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import { startTestHosts, type TestSshd } from "@/lib/remote/testing/sshd.mjs";
import { tempDatabase } from "@/lib/store/testing";
import { mciQuality } from "./quality";
import { medianConnectMs, tcpConnectMs } from "./tcp-connect-time";

// The quality comparison over a real MCI: one simulated VM in Seoul's AWS region and one VM on a
// real OpenSSH host registered in Berlin (listening on 127.0.0.1), so both kinds of figure appear.
const temp = tempDatabase();
const pool = new SshPool({ pins: memoryPins() });
const latency = createLatencyModel(listRegions());
let host: TestSshd;
let h: Harness;
let mciId = "";

const seoul = { lat: 37.57, lon: 126.98, label: "Seoul" };
const london = { lat: 51.51, lon: -0.13, label: "London" };

beforeAll(async () => {
  [host] = await startTestHosts(1);
  h = await startHarness(temp.prisma, {}, undefined, {
    ssh: pool,
    secrets: async () => ({ username: host.username, privateKey: host.privateKey }),
  });
  await addSshConnection(h.deps.connections, "lab", "lab-key", [host]);
  const made = await createMci(h.deps, "default", {
    name: "conference",
    description: "",
    policy: "continue",
    dryRun: false,
    subGroups: [
      { name: "seoul", region: "aws-ap-northeast-2", specId: "t3.micro", count: 1 },
      { name: "berlin", connection: "lab", count: 1 },
    ],
  });
  if (made.kind !== "created") throw new Error("expected an MCI");
  mciId = made.mci.id;
  await eventually(() => getMci(h.deps, "default", mciId), (m) => m.status === "Running", "both VMs running");
}, 60_000);
afterAll(async () => {
  await h?.reconciler.stop();
  pool.closeAll();
  await host?.stop();
  await temp.cleanup();
});

describe("mciQuality", () => {
  it("estimates the simulated VM from the model and measures the real host from this server, and says which", async () => {
    const q = await mciQuality({ latency, provisioning: h.deps }, "default", mciId, { audience: [seoul, london] });
    const [s, l] = q.placed.participants;
    expect(s).toMatchObject({ label: "Seoul", region: "aws-ap-northeast-2", source: "estimated", rttMs: latency.fromPointMs(seoul, "aws-ap-northeast-2") });
    expect(l).toMatchObject({ label: "London", region: "ssh-lab", source: "measured-from-server" });
    // A connect over loopback: a real figure, far below any intercontinental estimate.
    expect(l.rttMs).toBeGreaterThan(0);
    expect(l.rttMs).toBeLessThan(latency.fromPointMs(london, "aws-ap-northeast-2"));
    expect(q.placed.source).toBe("mixed");
    expect(q.basis).toMatch(/estimated from the latency model.*measured from the Barista server/);
    expect(q.notes).toEqual([]);
    // The careless side: as many servers (two regions) drawn from the connected regions, always estimated.
    expect(q.careless.servers).toHaveLength(2);
    expect(q.careless.source).toBe("estimated");
    expect(q.factor.mean).toBeCloseTo(q.careless.meanMs / q.placed.meanMs, 9);
  });

  it("uses the regions it is given for the careless side, and is the same for the same seed", async () => {
    const deps = { latency, provisioning: h.deps, measure: async () => 7 };
    const given = await mciQuality(deps, "default", mciId, { audience: [seoul, london], against: { regions: ["aws-sa-east-1"] } });
    expect(given.careless.servers.map((x) => x.region)).toEqual(["aws-sa-east-1"]);
    expect(given.careless.worstMs).toBe(Math.max(latency.fromPointMs(seoul, "aws-sa-east-1"), latency.fromPointMs(london, "aws-sa-east-1")));
    expect(given.placed.participants[1].rttMs).toBe(7);
    const a = await mciQuality(deps, "default", mciId, { audience: [seoul], against: { seed: 5 } });
    const b = await mciQuality(deps, "default", mciId, { audience: [seoul], against: { seed: 5 } });
    expect(a.careless.servers).toEqual(b.careless.servers);
  });

  it("falls back to the estimate and says so when a host does not answer", async () => {
    const q = await mciQuality({ latency, provisioning: h.deps, measure: async () => null }, "default", mciId, { audience: [london] });
    expect(q.placed.participants[0]).toMatchObject({ region: "ssh-lab", source: "estimated" });
    expect(q.notes).toEqual([expect.stringMatching(/did not accept a TCP connection; its figure is estimated/)]);
    expect(q.basis).toBe("estimated from the latency model");
  });

  it("names an unknown careless region, and an unknown MCI", async () => {
    await expect(mciQuality({ latency, provisioning: h.deps }, "default", mciId, { audience: [seoul], against: { regions: ["nowhere-1"] } })).rejects.toMatchObject({ code: "InvalidArgument", field: "against.regions.0" });
    await expect(mciQuality({ latency, provisioning: h.deps }, "default", "no-such-mci", { audience: [seoul] })).rejects.toMatchObject({ code: "NotFound" });
  });
});

describe("TCP connect time", () => {
  it("measures a listening port and answers null for a closed one", async () => {
    const server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const ms = await medianConnectMs("127.0.0.1", port, 3);
    expect(ms).not.toBeNull();
    expect(ms!).toBeGreaterThan(0);
    await new Promise<void>((r) => server.close(() => r()));
    expect(await tcpConnectMs("127.0.0.1", port, 500)).toBeNull();
    expect(await medianConnectMs("127.0.0.1", port, 3, 500)).toBeNull();
  });
});
