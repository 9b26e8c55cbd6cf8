import { describe, expect, it } from "vitest";
import type { FleetRows } from "@/lib/store/mci";
import { aggregateFleet } from "./fleet";
import { FleetCache, FLEET_CPU_METRIC } from "./fleet-cache";

type VmIn = { id: string; mciId: string; regionKey: string; status: string; connection?: string; desired?: string };

function rows(mcis: { id: string; namespace: string; name: string; deleting?: boolean }[], vms: VmIn[], places: FleetRows["places"] = {}): FleetRows {
  return {
    mcis: mcis.map((m) => ({ deleting: false, ...m })),
    vms: vms.map((v) => ({ connection: v.regionKey, desired: "Running", rebootWanted: 0, rebootDone: 0, ...v })),
    places,
  };
}

const SEOUL = "aws-ap-northeast-2";
const VIRGINIA = "aws-us-east-1";
const all = () => true;

const fleet = rows(
  [
    { id: "m-web", namespace: "default", name: "web" },
    { id: "m-db", namespace: "default", name: "db" },
    { id: "m-team", namespace: "team", name: "batch" },
  ],
  [
    { id: "v1", mciId: "m-web", regionKey: SEOUL, status: "Running" },
    { id: "v2", mciId: "m-web", regionKey: SEOUL, status: "Running" },
    { id: "v3", mciId: "m-web", regionKey: VIRGINIA, status: "Creating" },
    { id: "v4", mciId: "m-db", regionKey: SEOUL, status: "Failed" },
    { id: "v5", mciId: "m-team", regionKey: SEOUL, status: "Running" },
    { id: "v6", mciId: "m-team", regionKey: SEOUL, status: "Suspended" },
    { id: "v7", mciId: "m-team", regionKey: SEOUL, status: "Running" },
  ],
);

describe("aggregateFleet", () => {
  it("counts every VM per region by status and per MCI, with each MCI's own status", () => {
    const view = aggregateFleet(fleet, new Map(), all);
    expect(view.regions.map((r) => [r.key, r.total, r.byStatus])).toEqual([
      [SEOUL, 6, { Running: 4, Failed: 1, Suspended: 1 }],
      [VIRGINIA, 1, { Creating: 1 }],
    ]);
    const seoul = view.regions[0];
    expect(seoul).toMatchObject({ provider: "aws", name: expect.stringContaining("Seoul") });
    // Most VMs first: batch (3), web (2), db (1).
    expect(seoul.mcis.map((m) => [view.mcis[m.mci].name, m.count])).toEqual([["batch", 3], ["web", 2], ["db", 1]]);
    expect(view.mcis.map((m) => [m.namespace, m.name, m.total, m.status, m.leading])).toEqual([
      ["default", "web", 3, "Partial-Running (2/3)", "Running"],
      ["default", "db", 1, "Failed", "Failed"],
      ["team", "batch", 3, "Partial-Running (2/3)", "Running"],
    ]);
    expect(view.totals).toEqual({ vms: 7, mcis: 3, namespaces: 2, regions: 2, byStatus: { Running: 4, Creating: 1, Failed: 1, Suspended: 1 } });
    expect(view.namespaces).toEqual([
      { name: "default", vms: 4, mcis: 2 },
      { name: "team", vms: 3, mcis: 1 },
    ]);
  });

  it("averages the latest CPU of the VMs that reported, and says null where none did", () => {
    // v6 is suspended (and v4 failed): what they sent before is not what they do now.
    const cpu = new Map([["v1", 10], ["v2", 30], ["v5", 50.25], ["v-gone", 99], ["v6", 80], ["v4", 70]]);
    const view = aggregateFleet(fleet, cpu, all);
    expect(view.regions.map((r) => [r.key, r.cpu, r.cpuReporting])).toEqual([
      [SEOUL, 30.1, 3],
      [VIRGINIA, null, 0],
    ]);
  });

  it("leaves out the namespaces the caller may not read, from the regions, the MCIs and the totals", () => {
    const cpu = new Map([["v1", 10], ["v5", 90]]);
    const view = aggregateFleet(fleet, cpu, (ns) => ns === "team");
    expect(view.mcis.map((m) => m.name)).toEqual(["batch"]);
    expect(view.regions.map((r) => [r.key, r.total, r.cpu, r.mcis])).toEqual([[SEOUL, 3, 90, [{ mci: 0, count: 3 }]]]);
    expect(view.totals).toMatchObject({ vms: 3, mcis: 1, namespaces: 1, regions: 1 });
    expect(view.namespaces).toEqual([{ name: "team", vms: 3, mcis: 1 }]);
    const none = aggregateFleet(fleet, cpu, () => false);
    expect(none).toEqual({ regions: [], mcis: [], namespaces: [], totals: { vms: 0, mcis: 0, namespaces: 0, regions: 0, byStatus: {} } });
  });

  it("puts a registered host's VMs at its connection's place and counts those with no place without drawing them", () => {
    const withHosts = rows(
      [{ id: "m", namespace: "default", name: "lab", deleting: true }],
      [
        { id: "h1", mciId: "m", regionKey: "lab", connection: "lab-hosts", status: "Terminated", desired: "Removed" },
        { id: "h2", mciId: "m", regionKey: "lab", connection: "nowhere", status: "Running", desired: "Removed" },
      ],
      { "lab-hosts": { latitude: 48.1, longitude: 11.6, label: "Munich lab" } },
    );
    const view = aggregateFleet(withHosts, new Map(), all);
    expect(view.regions).toEqual([
      { key: "ssh:lab-hosts", name: "Munich lab", provider: "ssh", latitude: 48.1, longitude: 11.6, total: 1, byStatus: { Terminated: 1 }, cpu: null, cpuReporting: 0, mcis: [{ mci: 0, count: 1 }] },
    ]);
    expect(view.mcis[0].status).toBe("Deleting (1/2 terminated)");
    expect(view.totals.vms).toBe(2);
  });

  it("stays a summary: 10,000 VMs in 100 regions are tens of KB, not a VM list", () => {
    const regions = ["aws-ap-northeast-2", "aws-us-east-1", "gcp-europe-west1", "azure-koreacentral"];
    const mcis = Array.from({ length: 10 }, (_, i) => ({ id: `mci-${i}`, namespace: i % 2 ? "team" : "default", name: `global-${i}` }));
    const vms = Array.from({ length: 10_000 }, (_, n) => ({ id: `vm-${n}`, mciId: `mci-${n % 10}`, regionKey: regions[n % regions.length], status: n % 7 ? "Running" : "Creating" }));
    const json = JSON.stringify(aggregateFleet(rows(mcis, vms), new Map(vms.map((v, n) => [v.id, n % 100])), all));
    expect(JSON.parse(json).totals.vms).toBe(10_000);
    expect(json.length).toBeLessThan(20_000);
  });
});

describe("FleetCache", () => {
  function sources() {
    const state = { version: 1, now: 1_000_000, reads: 0, cpuReads: 0, rows: fleet };
    const cache = new FleetCache({
      repo: {
        fleetVersion: () => state.version,
        fleetRows: async () => (state.reads++, state.rows),
      },
      metrics: {
        latestValues: async (metric: string, since: number) => {
          state.cpuReads++;
          expect([metric, since]).toEqual([FLEET_CPU_METRIC, state.now - 120_000]);
          return new Map([["v1", 42]]);
        },
      },
      now: () => state.now,
    });
    return { state, cache };
  }

  it("answers the same JSON and ETag until an MCI is written, and reads the rows once for concurrent callers", async () => {
    const { state, cache } = sources();
    const [a, b] = await Promise.all([cache.view(all), cache.view(all)]);
    expect(state.reads).toBe(1);
    expect(b).toBe(a);
    state.now += 2_000;
    expect(await cache.view(all)).toBe(a);
    expect(state.reads).toBe(1);
    // Written here: read again, and the new content has a new tag.
    state.version++;
    state.rows = { ...fleet, vms: fleet.vms.slice(1) };
    const c = await cache.view(all);
    expect(state.reads).toBe(2);
    expect(c.etag).not.toBe(a.etag);
  });

  it("reads the rows again every few seconds with no write here (another server's reconciler writes too), keeping the tag while nothing changed", async () => {
    const { state, cache } = sources();
    const a = await cache.view(all);
    state.now += 3_000;
    expect(await cache.view(all)).toBe(a);
    expect(state.reads).toBe(2);
    state.rows = { ...fleet, vms: fleet.vms.slice(1) };
    state.now += 3_000;
    const b = await cache.view(all);
    expect(state.reads).toBe(3);
    expect(b.etag).not.toBe(a.etag);
    expect(JSON.parse(b.json).totals).not.toEqual(JSON.parse(a.json).totals);
  });

  it("reads the rows again at most once a second while writes keep coming", async () => {
    const { state, cache } = sources();
    const first = await cache.view(all);
    state.version++;
    state.now += 400;
    expect(await cache.view(all)).toBe(first);
    expect(state.reads).toBe(1);
    state.now += 700;
    await cache.view(all);
    expect(state.reads).toBe(2);
  });

  it("reads CPU values every 10 s, and keeps one copy per set of readable namespaces", async () => {
    const { state, cache } = sources();
    const everyone = await cache.view(all);
    const teamOnly = await cache.view((ns) => ns === "team");
    expect(teamOnly.etag).not.toBe(everyone.etag);
    expect(JSON.parse(teamOnly.json).totals.mcis).toBe(1);
    expect(await cache.view((ns) => ns !== "nobody")).toBe(everyone);
    expect(state.cpuReads).toBe(1);
    state.now += 10_000;
    const later = await cache.view(all);
    expect(state.cpuReads).toBe(2);
    expect(later.etag).not.toBe(everyone.etag);
    expect(JSON.parse(later.json).regions[0].cpu).toBe(42);
  });
});
