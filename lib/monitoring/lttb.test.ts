import { describe, expect, it } from "vitest";
import { lttb } from "./lttb";
import type { Point } from "./rollup";

const wave: Point[] = Array.from({ length: 1_000 }, (_, i) => [i * 10_000, Math.sin(i / 30) * 50 + 50]);

describe("LTTB downsampling", () => {
  it("answers about the asked number of points, first and last kept, in time order", () => {
    const out = lttb(wave, 100);
    expect(out).toHaveLength(100);
    expect(out[0]).toBe(wave[0]);
    expect(out[99]).toBe(wave[999]);
    for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThan(out[i - 1][0]);
    // Only original points, no invented ones.
    const all = new Set(wave);
    expect(out.every((p) => all.has(p))).toBe(true);
  });

  it("keeps a lone spike that averaging would flatten", () => {
    const flat: Point[] = Array.from({ length: 500 }, (_, i) => [i, i === 250 ? 100 : 1]);
    expect(lttb(flat, 20).some(([, v]) => v === 100)).toBe(true);
  });

  it("picks the point of the largest triangle in each bucket", () => {
    // Buckets of 2 between the fixed ends: (1,2) and (3,4); the outliers 2 and 3 win.
    const pts: Point[] = [
      [0, 0],
      [1, 0],
      [2, 10],
      [3, -10],
      [4, 0],
      [5, 0],
    ];
    expect(lttb(pts, 4)).toEqual([
      [0, 0],
      [2, 10],
      [3, -10],
      [5, 0],
    ]);
  });

  it("leaves short series alone and handles tiny thresholds", () => {
    expect(lttb(wave.slice(0, 10), 50)).toEqual(wave.slice(0, 10));
    expect(lttb(wave, 2)).toEqual([wave[0], wave[999]]);
    expect(lttb([], 10)).toEqual([]);
  });
});
