import { describe, expect, it } from "vitest";
import { demoNamespace, parseDemoNamespace } from "./demo-namespace";
import { mciFrame, newMciFrame, placementFrame } from "./frames";
import { pickGlobalRegions, type RegionChoice } from "./global-regions";
import { audienceParam, CONFERENCE_PARTICIPANTS } from "./participants";
import { appCounts, deployCounts, deploymentOver, deploySummary, describeApp, describeCommand, describeDeploy } from "./progress";
import { namespaceNameSchema } from "@/lib/validation/mci";

describe("the demo namespace", () => {
  it("is named for the tour and the time, a valid namespace name, and read back", () => {
    const at = new Date("2025-03-04T05:06:07.890Z");
    for (const tour of ["video-conference", "global-scale"] as const) {
      const name = demoNamespace(tour, at);
      expect(namespaceNameSchema.safeParse(name).success).toBe(true);
      expect(parseDemoNamespace(name)).toEqual({ tour, startedAt: new Date("2025-03-04T05:06:07Z") });
    }
    expect(demoNamespace("global-scale", at)).toBe("demo-global-scale-20250304-050607");
    expect(parseDemoNamespace("default")).toBeNull();
    expect(parseDemoNamespace("demo-other-20250304-050607")).toBeNull();
  });
});

describe("the participants", () => {
  it("are 8 to 12 cities on at least five continents, weighted, and encoded for the placement page", () => {
    expect(CONFERENCE_PARTICIPANTS.length).toBeGreaterThanOrEqual(8);
    expect(CONFERENCE_PARTICIPANTS.length).toBeLessThanOrEqual(12);
    const quadrants = new Set(CONFERENCE_PARTICIPANTS.map((p) => `${p.lat > 0 ? "N" : "S"}${p.lon > 60 ? "asia" : p.lon > -30 ? "euaf" : "am"}`));
    expect(quadrants.size).toBeGreaterThanOrEqual(5);
    const text = audienceParam(CONFERENCE_PARTICIPANTS.slice(0, 2));
    expect(text).toBe("35.68,139.69,37.2,Tokyo;37.57,126.98,10,Seoul");
    expect(audienceParam([{ label: "São Paulo", lat: 1, lon: 2, weight: 3 }])).toBe("1,2,3,S%C3%A3o%20Paulo");
  });
});

describe("pickGlobalRegions", () => {
  const region = (provider: string, i: number, lat: number, lon: number, connected = true): RegionChoice => ({ key: `${provider}-r${i}`, provider, latitude: lat, longitude: lon, connections: connected ? [`c-${provider}-${i}`] : [] });
  const catalogue = [
    ...Array.from({ length: 6 }, (_, i) => region("aws", i, 10 * i, 10 * i)),
    region("kt", 0, 37, 127),
    region("kt", 1, 35, 129),
    region("gcp", 0, 50, 0),
    region("gcp", 1, 51, 1),
    region("gcp", 2, -33, 151),
    region("azure", 0, 0, 0, false),
  ];

  it("takes providers in turn, only connected regions, each provider's next region the farthest", () => {
    const picked = pickGlobalRegions(catalogue, 6);
    expect(picked.map((r) => r.key)).toEqual(["aws-r0", "gcp-r0", "kt-r0", "aws-r5", "gcp-r2", "kt-r1"]);
    expect(pickGlobalRegions(catalogue, 100)).toHaveLength(11);
    expect(pickGlobalRegions(catalogue, 100).some((r) => r.provider === "azure")).toBe(false);
  });
});

describe("the frames", () => {
  it("open the console pages in presentation mode with the tour's scene", () => {
    expect(placementFrame(1, "1,2,3,A")).toBe("/placement?embed=1&present=1&scene=1&audience=1%2C2%2C3%2CA");
    expect(newMciFrame(2, "demo-x", ["aws-a", "gcp-b"], { "aws-a": "aws+a+t3.micro" })).toBe("/ns/demo-x/mci/new?embed=1&present=1&scene=2&regions=aws-a%2Cgcp-b&specs=aws-a%3Aaws%2Ba%2Bt3.micro");
    expect(mciFrame(3, "demo-x", "m1")).toBe("/ns/demo-x/mci/m1?embed=1&present=1&scene=3");
    expect(mciFrame(4, "demo-x", "m1", "commands", { command: "c1" })).toBe("/ns/demo-x/mci/m1?embed=1&present=1&scene=4&tab=commands&command=c1");
  });
});

describe("progress words", () => {
  it("count a deployment and say what the tour goes on without", () => {
    const c = deployCounts([{ id: "a", status: "Running" }, { id: "b", status: "Failed" }, { id: "c", status: "Creating" }, { id: "d", status: "Running" }]);
    expect(c).toEqual({ total: 4, running: 2, failed: 1, waiting: 1 });
    expect(deploymentOver(c)).toBe(false);
    expect(describeDeploy(c)).toBe("2 of 4 VMs running, 1 failed, 1 still booting");
    expect(deploySummary(c, true)).toBe("2 of 4 VMs running, 1 failed, 1 still booting; the tour goes on with the 2 that run (the others keep booting), without 2 VMs");
    const all = deployCounts([{ id: "a", status: "Running" }]);
    expect([deploymentOver(all), deploySummary(all, false)]).toEqual([true, "1 of 1 VM running"]);
    expect(deploymentOver(deployCounts([]))).toBe(false);
  });

  it("count an app's VMs and a command's answers", () => {
    const apps = [{ app: "video-conference", vms: [{ state: "running" as const }, { state: "installing" as const }, { state: "failed" as const }] }];
    expect(appCounts(apps, "video-conference")).toEqual({ total: 3, running: 1, failed: 1, installing: 1 });
    expect(describeApp(appCounts(apps, "video-conference"), "Jitsi Meet")).toBe("Jitsi Meet runs on 1 of 3 VMs, 1 installing, 1 failed");
    expect(describeApp(appCounts(apps, "game-server"), "Minetest")).toBe("Minetest: starting the install");
    expect(describeCommand({ succeeded: 95, running: 3, unreachable: 2 }, 100)).toBe("answered on 95 of 100 VMs, 3 running, 2 failed");
  });
});
