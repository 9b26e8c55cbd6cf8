import { describe, expect, it } from "vitest";
import { heatColour, NO_DATA_COLOUR, statusColour } from "@/lib/core/palette";
import type { FleetView } from "@/lib/validation/fleet";
import { fleetClusterLook } from "./fleet-clusters";
import { fleetItems } from "./fleet-items";

const view: FleetView = {
  mcis: [
    { namespace: "default", id: "web", name: "web", status: "Running", leading: "Running", total: 1500 },
    { namespace: "team", id: "cache", name: "cache", status: "Partial-Failed", leading: "Running", total: 20 },
  ],
  regions: [
    { key: "aws-eu-west-1", name: "Ireland", provider: "aws", latitude: 53, longitude: -8, total: 1000, byStatus: { Running: 1000 }, cpu: 40, cpuReporting: 1000, mcis: [{ mci: 0, count: 1000 }] },
    {
      key: "gcp-europe-west1",
      name: "Belgium",
      provider: "gcp",
      latitude: 50,
      longitude: 4,
      total: 520,
      byStatus: { Running: 500, Failed: 20 },
      cpu: 70,
      cpuReporting: 500,
      mcis: [
        { mci: 0, count: 500 },
        { mci: 1, count: 20 },
      ],
    },
  ],
  namespaces: [
    { name: "default", vms: 1500, mcis: 1 },
    { name: "team", vms: 20, mcis: 1 },
  ],
  totals: { vms: 1520, mcis: 2, namespaces: 2, regions: 2, byStatus: { Running: 1500, Failed: 20 } },
};

describe("fleet cluster look", () => {
  it("sums the regions' status counts and VMs, and lists the regions and the MCIs over them", () => {
    const look = fleetClusterLook(view, "status")(fleetItems(view, "status"));
    expect(look.label).toBe("1.5k");
    const byColour = Object.fromEntries(look.segments.map((s) => [s.colour, s.count]));
    expect(byColour[statusColour("Running")]).toBe(1500);
    expect(byColour[statusColour("Failed")]).toBe(20);
    const lines = look.tooltip.split("\n");
    expect(lines[0]).toBe("2 regions · 1,520 VMs (click to zoom in)");
    expect(lines).toContain("Ireland (aws-eu-west-1): 1,000 VMs");
    expect(lines).toContain("Belgium (gcp-europe-west1): 520 VMs");
    // web runs in both regions: its VMs are summed over them.
    expect(lines).toContain("web (default): 1,500 VMs");
    expect(lines).toContain("cache (team): 20 VMs");
  });

  it("coloured by CPU, averages over the reporting VMs and greys the rest", () => {
    const look = fleetClusterLook(view, "cpu")(fleetItems(view, "cpu"));
    const cpu = (40 * 1000 + 70 * 500) / 1500;
    expect(look.label).toBe(String(Math.round(cpu)));
    expect(look.disc).toBe(heatColour(cpu));
    expect(look.segments).toEqual([
      { colour: heatColour(cpu), count: 1500 },
      { colour: NO_DATA_COLOUR, count: 20 },
    ]);
    expect(look.tooltip).toContain(`CPU: average ${cpu.toFixed(1)}% of 1500 reporting VMs`);
  });
});
