import { describe, expect, it } from "vitest";
import { clusterDiscs, type ClusterDisc } from "./cluster-discs";
import { radiusForCount } from "./marker-radius";

const radiusFor = radiusForCount;

/** Three regions close together (Europe at world zoom) and one far away, at a given zoom's pixel scale. */
function discsAt(scale: number): ClusterDisc[] {
  return [
    { x: 100 * scale, y: 100 * scale, r: 20, weight: 40 },
    { x: 110 * scale, y: 104 * scale, r: 20, weight: 40 },
    { x: 104 * scale, y: 112 * scale, r: 15, weight: 10 },
    { x: 600 * scale, y: 300 * scale, r: 20, weight: 40 },
  ];
}

describe("clusterDiscs", () => {
  it("groups rings that would overlap at low zoom and leaves a lone ring untouched", () => {
    const groups = clusterDiscs(discsAt(1), { radiusFor });
    expect(groups.map((g) => g.members)).toEqual([[0, 1, 2], [3]]);
    const lone = groups[1];
    expect(lone).toEqual({ members: [3], x: 600, y: 300, r: 20, weight: 40 });
  });

  it("sums the counts and places the group at its count-weighted centre", () => {
    const [group] = clusterDiscs(discsAt(1), { radiusFor });
    expect(group.weight).toBe(90);
    expect(group.x).toBeCloseTo((100 * 40 + 110 * 40 + 104 * 10) / 90);
    expect(group.y).toBeCloseTo((100 * 40 + 104 * 40 + 112 * 10) / 90);
    expect(group.r).toBe(Math.max(20, radiusForCount(90)));
  });

  it("splits the group again once the rings no longer overlap (zoomed in)", () => {
    const groups = clusterDiscs(discsAt(8), { radiusFor });
    expect(groups.map((g) => g.members)).toEqual([[0], [1], [2], [3]]);
    expect(groups.map((g) => g.weight)).toEqual([40, 40, 10, 40]);
  });

  it("leaves no two rings overlapping, even when a merged ring grows into a neighbour", () => {
    // A row of rings each just clear of the next: merges cascade over several rounds.
    const row: ClusterDisc[] = Array.from({ length: 12 }, (_, i) => ({ x: i * 30, y: 0, r: 14, weight: 5 }));
    const groups = clusterDiscs(row, { radiusFor });
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const [a, b] = [groups[i], groups[j]];
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.r + b.r + 2);
      }
    }
    expect(groups.flatMap((g) => g.members).sort((a, b) => a - b)).toEqual(row.map((_, i) => i));
    expect(groups.reduce((n, g) => n + g.weight, 0)).toBe(60);
  });

  it("merges rings on the very same spot and gives the same groups for the same input", () => {
    const same: ClusterDisc[] = [
      { x: 50, y: 50, r: 12, weight: 0 },
      { x: 50, y: 50, r: 12, weight: 0 },
    ];
    const groups = clusterDiscs(same, { radiusFor });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ members: [0, 1], x: 50, y: 50 });
    expect(clusterDiscs(discsAt(1), { radiusFor })).toEqual(clusterDiscs(discsAt(1), { radiusFor }));
  });
});
