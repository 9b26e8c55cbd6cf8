import { describe, expect, it } from "vitest";
import { heatColour, NO_DATA_COLOUR, statusColour } from "@/lib/core/palette";
import type { FleetView } from "@/lib/validation/fleet";
import { compactCount, fleetItems, statusCountOf } from "./fleet-items";

const view: FleetView = {
  mcis: Array.from({ length: 8 }, (_, i) => ({ namespace: i % 2 ? "team" : "default", id: `mci-${i}`, name: `m${i}`, status: "Running", leading: "Running" as const, total: 10 })),
  regions: [
    {
      key: "aws-ap-northeast-2",
      name: "Seoul",
      provider: "aws",
      latitude: 37.5,
      longitude: 127,
      total: 1200,
      byStatus: { Running: 1000, Creating: 150, Failed: 50 },
      cpu: 62.44,
      cpuReporting: 900,
      mcis: Array.from({ length: 8 }, (_, i) => ({ mci: i, count: 150 })),
    },
    { key: "gcp-europe-west1", name: "Belgium", provider: "gcp", latitude: 50, longitude: 4, total: 2, byStatus: { Suspended: 2 }, cpu: null, cpuReporting: 0, mcis: [{ mci: 1, count: 2 }] },
  ],
  namespaces: [
    { name: "default", vms: 40, mcis: 4 },
    { name: "team", vms: 40, mcis: 4 },
  ],
  totals: { vms: 1202, mcis: 8, namespaces: 2, regions: 2, byStatus: { Running: 1000, Creating: 150, Failed: 50, Suspended: 2 } },
};

describe("fleet items", () => {
  it("cuts each region's ring by status, labels it with a short count and names its MCIs, at most six", () => {
    const [seoul, belgium] = fleetItems(view, "status");
    expect(seoul.segments).toEqual([
      { colour: statusColour("Running"), count: 1000, opacity: 1 },
      { colour: statusColour("Creating"), count: 150, opacity: 1 },
      { colour: statusColour("Failed"), count: 50, opacity: 1 },
    ]);
    expect(seoul.label).toBe("1.2k");
    const lines = seoul.tooltip.split("\n");
    expect(lines.slice(0, 4)).toEqual(["Seoul", "aws-ap-northeast-2", "1,000/1,200 running · 150 creating · 50 failed", "CPU: average 62.4% of 900 reporting VMs"]);
    expect(lines.slice(4)).toEqual([...[0, 1, 2, 3, 4, 5].map((i) => `m${i} (${i % 2 ? "team" : "default"}): 150 VMs`), "and 2 more MCIs (click to pick)"]);
    expect(belgium.tooltip).toBe("Belgium\ngcp-europe-west1\n0/2 running · 2 suspended\nm1 (team): 2 VMs");
  });

  it("colours by CPU: the reporting share of the ring in the average's colour, the rest grey, a dash without data", () => {
    const [seoul, belgium] = fleetItems(view, "cpu");
    expect(seoul.segments).toEqual([
      { colour: heatColour(62.44), count: 900 },
      { colour: NO_DATA_COLOUR, count: 300 },
    ]);
    expect([seoul.label, seoul.disc]).toEqual(["62", heatColour(62.44)]);
    expect([belgium.label, belgium.disc, belgium.segments]).toEqual(["–", undefined, [{ colour: NO_DATA_COLOUR, count: 2 }]]);
    expect(belgium.tooltip).toContain("CPU: no VM reported in the last 2 min");
  });

  it("reads the server's counts as status counts and shortens large ones", () => {
    expect(statusCountOf({ Running: 3, Failed: 1 })).toMatchObject({ total: 4, running: 3, failed: 1, creating: 0 });
    expect([0, 999, 1000, 1250, 9999, 10_000, 12_345].map(compactCount)).toEqual(["0", "999", "1k", "1.3k", "10k", "10k", "12k"]);
  });
});
