import { describe, expect, it } from "vitest";
import { regionAppSummary } from "./region-apps";
import type { VmAppState } from "./use-apps";

const s = (app: string, state: VmAppState["state"]): VmAppState => ({ app, name: app, state, step: "", message: null });

describe("apps per region, for the map's tooltips", () => {
  it("counts each app's states over the region's VMs and leaves out regions without one", () => {
    const states = new Map([
      ["v1", [s("nginx", "running"), s("game-server", "failed")]],
      ["v2", [s("nginx", "running")]],
      ["v3", [s("nginx", "installing")]],
    ]);
    const out = regionAppSummary([{ key: "aws-a", vmIds: ["v1", "v2"] }, { key: "gcp-b", vmIds: ["v3", "v4"] }, { key: "azure-c", vmIds: ["v9"] }], states);
    expect([...out]).toEqual([
      ["aws-a", "game-server: 1 failed\nnginx: 2 running"],
      ["gcp-b", "nginx: 1 installing"],
    ]);
    expect(regionAppSummary([{ key: "x", vmIds: ["v1"] }], new Map()).size).toBe(0);
  });
});
