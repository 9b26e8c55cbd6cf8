/** A marker as drawn at one zoom: its centre in pixels, its radius, and what it counts (VMs). */
export type ClusterDisc = { x: number; y: number; r: number; weight: number };

/** Discs drawn as one: their indices, the count-weighted centre in pixels, the summed count and the group's radius. */
export type DiscCluster = { members: number[]; x: number; y: number; r: number; weight: number };

type Options = {
  /** The radius a group's ring is drawn at, for its summed count (it never shrinks below its largest member). */
  radiusFor: (weight: number) => number;
  /** Pixels kept between two rings that stay apart. */
  gap?: number;
  /** Rounds of merging: a merged ring is larger and may then touch a neighbour, so it is looked at again. */
  passes?: number;
};

function cellOf(v: number, size: number): number {
  return Math.floor(v / size);
}

/**
 * One greedy round over a pixel grid: the heaviest ring first takes every ring that overlaps it
 * (a neighbour cell holds every candidate, since the cell is as wide as two of the largest rings).
 * Sorting makes it O(n log n); the grid keeps the neighbour look-up near O(1) per ring.
 */
function mergeRound(groups: DiscCluster[], radiusFor: (weight: number) => number, gap: number): { groups: DiscCluster[]; merged: boolean } {
  const largest = groups.reduce((m, g) => Math.max(m, g.r), 0);
  const size = 2 * largest + gap + 1;
  const grid = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const key = `${cellOf(g.x, size)},${cellOf(g.y, size)}`;
    const cell = grid.get(key);
    if (cell) cell.push(i);
    else grid.set(key, [i]);
  });
  // Heaviest first, then by the first member: the same input always gives the same groups.
  const order = groups.map((_, i) => i).sort((a, b) => groups[b].weight - groups[a].weight || groups[a].members[0] - groups[b].members[0]);
  const taken = new Array<boolean>(groups.length).fill(false);
  const out: DiscCluster[] = [];
  let merged = false;
  for (const seed of order) {
    if (taken[seed]) continue;
    taken[seed] = true;
    const s = groups[seed];
    const parts = [s];
    const cx = cellOf(s.x, size);
    const cy = cellOf(s.y, size);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (taken[j]) continue;
          const o = groups[j];
          if (Math.hypot(o.x - s.x, o.y - s.y) < s.r + o.r + gap) {
            taken[j] = true;
            parts.push(o);
          }
        }
      }
    }
    if (parts.length === 1) {
      out.push(s);
      continue;
    }
    merged = true;
    const weight = parts.reduce((n, p) => n + p.weight, 0);
    // An empty group (no counts at all) sits at the plain average instead of dividing by zero.
    const w = (p: DiscCluster) => (weight > 0 ? p.weight / weight : 1 / parts.length);
    out.push({
      members: parts.flatMap((p) => p.members).sort((a, b) => a - b),
      x: parts.reduce((v, p) => v + p.x * w(p), 0),
      y: parts.reduce((v, p) => v + p.y * w(p), 0),
      r: Math.max(radiusFor(weight), ...parts.map((p) => p.r)),
      weight,
    });
  }
  return { groups: out, merged };
}

/**
 * Screen-space clustering: rings whose circles would overlap at this zoom become one ring for the
 * group, placed at the group's count-weighted centre. Pure and deterministic; a few rounds of
 * O(n log n) each, so it is cheap to run again on every zoomend (never per frame).
 */
export function clusterDiscs(discs: readonly ClusterDisc[], { radiusFor, gap = 2, passes = 6 }: Options): DiscCluster[] {
  let groups: DiscCluster[] = discs.map((d, i) => ({ members: [i], x: d.x, y: d.y, r: d.r, weight: d.weight }));
  for (let pass = 0; pass < passes; pass++) {
    const round = mergeRound(groups, radiusFor, gap);
    groups = round.groups;
    if (!round.merged) break;
  }
  // In the input's order, so markers are added (and drawn) in a stable order.
  return groups.sort((a, b) => a.members[0] - b.members[0]);
}
