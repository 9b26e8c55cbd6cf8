import { describe, expect, it } from "vitest";
import { weightedQuantile } from "./evaluate";
import { createRng } from "@/lib/core/rng";

/** The definition, by sorting: smallest v whose weight at or below reaches q of the total. */
function bySorting(values: number[], weights: number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  for (const i of order) {
    acc += weights[i];
    if (acc >= q * total * (1 - 1e-12)) return values[i];
  }
  return values[order[order.length - 1]];
}

describe("weightedQuantile", () => {
  it("is the nearest-rank percentile with unit weights", () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i); // 20, 19, …, 1
    const ones = new Array(20).fill(1);
    expect(weightedQuantile(values, ones, 0.95)).toBe(19); // ⌈0.95 × 20⌉ = 19th smallest
    expect(weightedQuantile(values.slice(0, 10), ones.slice(0, 10), 0.95)).toBe(20); // ⌈9.5⌉ = 10th
    expect(weightedQuantile([7], [3], 0.95)).toBe(7);
  });

  it("matches sorting on random data with ties and weights", () => {
    const rng = createRng(3);
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rng() * 400);
      const values = Array.from({ length: n }, () => Math.round(rng() * 50) / 2); // many ties
      const weights = Array.from({ length: n }, () => (rng() < 0.5 ? 1 : 0.1 + rng() * 9));
      for (const q of [0.5, 0.95, 1]) expect(weightedQuantile(values, weights, q)).toBe(bySorting(values, weights, q));
    }
  });
});
