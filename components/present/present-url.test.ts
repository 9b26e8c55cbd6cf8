import { describe, expect, it } from "vitest";
import { clampScene, isPresentablePath, presentSearch, readPresent } from "./present-url";

const params = (q: string) => new URLSearchParams(q);

describe("readPresent", () => {
  it("is off without present=1 and on with it", () => {
    expect(readPresent(params(""), 3)).toEqual({ on: false, scene: 0 });
    expect(readPresent(params("present=0"), 3).on).toBe(false);
    expect(readPresent(params("present=1"), 3)).toEqual({ on: true, scene: 0 });
  });

  it("counts scenes from 1 in the URL and from 0 inside", () => {
    expect(readPresent(params("present=1&scene=2"), 3).scene).toBe(1);
    expect(readPresent(params("present=1&scene=3"), 3).scene).toBe(2);
  });

  it("falls back to a scene that exists for bad or out-of-range values", () => {
    expect(readPresent(params("present=1&scene=9"), 3).scene).toBe(2);
    expect(readPresent(params("present=1&scene=0"), 3).scene).toBe(0);
    expect(readPresent(params("present=1&scene=-2"), 3).scene).toBe(0);
    expect(readPresent(params("present=1&scene=two"), 3).scene).toBe(0);
    expect(readPresent(params("present=1&scene=1.5"), 3).scene).toBe(0);
  });

  it("keeps the scene while the page does not know its scene count yet", () => {
    expect(clampScene(4, 0)).toBe(0);
    expect(clampScene(4, 7)).toBe(4);
  });
});

describe("presentSearch", () => {
  it("adds present and scene, keeping the page's own parameters", () => {
    expect(presentSearch("?region=aws-us-east-1&at=1,2,3", { on: true, scene: 2 })).toBe("?region=aws-us-east-1&at=1,2,3&present=1&scene=3");
  });

  it("leaves scene 1 out, so the plain link is the first scene", () => {
    expect(presentSearch("?tab=metrics", { on: true, scene: 0 })).toBe("?tab=metrics&present=1");
  });

  it("removes both on leaving, and nothing else", () => {
    expect(presentSearch("?present=1&scene=3&tab=metrics", { on: false, scene: 2 })).toBe("?tab=metrics");
    expect(presentSearch("?present=1&scene=2", null)).toBe("");
  });
});

describe("isPresentablePath", () => {
  it("accepts the home map, placement and an MCI's page", () => {
    expect(isPresentablePath("/")).toBe(true);
    expect(isPresentablePath("/placement")).toBe(true);
    expect(isPresentablePath("/ns/default/mci/mci-1")).toBe(true);
  });

  it("refuses the other pages, a VM's page and the new-MCI form", () => {
    expect(isPresentablePath("/mci")).toBe(false);
    expect(isPresentablePath("/alerts")).toBe(false);
    expect(isPresentablePath("/ns/default/mci/new")).toBe(false);
    expect(isPresentablePath("/ns/default/mci/mci-1/vm/vm-1")).toBe(false);
  });
});
