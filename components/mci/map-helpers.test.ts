import { describe, expect, it } from "vitest";
import { declutter } from "./declutter";
import { inBox } from "./in-box";
import { spanningTree } from "./spanning-tree";
import { unwrapLongitudes } from "./unwrap-longitudes";

describe("declutter", () => {
  it("leaves discs that do not touch where they are", () => {
    expect(declutter([{ x: 0, y: 0, r: 10 }, { x: 100, y: 0, r: 10 }])).toEqual([[0, 0], [0, 0]]);
  });

  it("pushes overlapping discs apart until they no longer overlap, also when they coincide", () => {
    const discs = [
      { x: 50, y: 50, r: 12 },
      { x: 50, y: 50, r: 12 },
      { x: 55, y: 52, r: 12 },
      { x: 200, y: 200, r: 12 },
    ];
    const offsets = declutter(discs, 2);
    const moved = discs.map((d, i) => ({ x: d.x + offsets[i][0], y: d.y + offsets[i][1], r: d.r }));
    for (let i = 0; i < moved.length; i++)
      for (let j = i + 1; j < moved.length; j++) expect(Math.hypot(moved[i].x - moved[j].x, moved[i].y - moved[j].y)).toBeGreaterThanOrEqual(moved[i].r + moved[j].r);
    expect(offsets[3]).toEqual([0, 0]);
    expect(declutter(discs, 2)).toEqual(offsets);
  });
});

describe("spanningTree", () => {
  it("joins n places with n-1 links, each to its nearest neighbour in a chain", () => {
    const seoul = { key: "seoul", latitude: 37.5, longitude: 127 };
    const tokyo = { key: "tokyo", latitude: 35.7, longitude: 139.7 };
    const oregon = { key: "oregon", latitude: 45.8, longitude: -119.7 };
    const edges = spanningTree([seoul, oregon, tokyo]);
    expect(edges).toHaveLength(2);
    const names = edges.map(([a, b]) => [a.key, b.key].sort().join("-")).sort();
    expect(names).toEqual(["oregon-tokyo", "seoul-tokyo"]);
    expect(spanningTree([seoul])).toEqual([]);
  });
});

describe("unwrapLongitudes", () => {
  it("frames places across the Pacific as one span, in the input order", () => {
    expect(unwrapLongitudes([139.7, -119.7, 127])).toEqual([139.7, 240.3, 127]);
  });
  it("keeps a span that does not cross 180°", () => {
    expect(unwrapLongitudes([-3.7, 16.4, 12.6])).toEqual([-3.7, 16.4, 12.6]);
  });
});

describe("inBox", () => {
  it("finds a point in the box in any world copy", () => {
    const pacific = { south: 20, north: 50, west: 170, east: 250 };
    expect(inBox(pacific, 45.8, -119.7)).toBe(true);
    expect(inBox(pacific, 35.7, 139.7)).toBe(false);
    expect(inBox(pacific, 10, 200)).toBe(false);
  });
});
