import { describe, expect, it } from "vitest";
import { HEAT_STOPS, heatColour, LATENCY_STOPS, latencyColour } from "./palette";

describe("colour ramps", () => {
  it("hit every heat stop exactly and clamp outside 0–100", () => {
    for (const s of HEAT_STOPS) expect(heatColour(s.percent)).toBe(s.colour);
    expect(heatColour(-5)).toBe(HEAT_STOPS[0].colour);
    expect(heatColour(140)).toBe(HEAT_STOPS[HEAT_STOPS.length - 1].colour);
    expect(heatColour(Number.NaN)).toBe(HEAT_STOPS[0].colour);
  });

  it("interpolate between stops in RGB", () => {
    // Halfway from #F7F056 (55 %) to #F4A736 (75 %).
    expect(heatColour(65)).toBe("#F6CC46");
    expect(latencyColour(50)).toBe("#A3D15E");
  });

  it("keep the latency scale's stops", () => {
    for (const s of LATENCY_STOPS) expect(latencyColour(s.ms)).toBe(s.colour);
    expect(latencyColour(10_000)).toBe("#DC050C");
  });
});
