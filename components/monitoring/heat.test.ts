import { describe, expect, it } from "vitest";
import { heatColour, NO_DATA_COLOUR } from "@/lib/core/palette";
import { regionHeat } from "./heat";

describe("region heat", () => {
  it("groups VMs into 10 % bands, hottest first, with the silent ones last in grey", () => {
    const values = new Map([
      ["a", 12],
      ["b", 18.5],
      ["c", 93],
      ["d", 100],
    ]);
    const h = regionHeat(["a", "b", "c", "d", "e"], values);
    expect(h.segments).toEqual([
      { colour: heatColour(95), count: 2 },
      { colour: heatColour(15), count: 2 },
      { colour: NO_DATA_COLOUR, count: 1 },
    ]);
    expect(h.reporting).toBe(4);
    expect(h.average).toBeCloseTo((12 + 18.5 + 93 + 100) / 4);
    expect(h.max).toBe(100);
  });

  it("says nothing about a region where no VM reports", () => {
    expect(regionHeat(["a"], new Map())).toEqual({ segments: [{ colour: NO_DATA_COLOUR, count: 1 }], reporting: 0, average: null, max: null });
  });
});
