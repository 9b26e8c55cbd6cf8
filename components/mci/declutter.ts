type Disc = { x: number; y: number; r: number };

// Golden angle: points that sit exactly on top of each other fan out evenly, in a fixed order.
const GOLDEN = 2.399963;

/**
 * Pixel offsets that push overlapping discs apart just enough to touch (a Dorling-style layout):
 * every region of a crowded continent stays readable and clickable at any zoom. Pure and
 * deterministic; O(n²) per pass, a few passes, which is nothing for a few hundred markers.
 */
export function declutter(discs: readonly Disc[], gap = 2, passes = 40): [number, number][] {
  const pos = discs.map((d) => ({ x: d.x, y: d.y }));
  for (let pass = 0; pass < passes; pass++) {
    let moved = false;
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        let dx = pos[j].x - pos[i].x;
        let dy = pos[j].y - pos[i].y;
        let d = Math.hypot(dx, dy);
        const min = discs[i].r + discs[j].r + gap;
        if (d >= min) continue;
        if (d < 0.01) {
          dx = Math.cos(j * GOLDEN);
          dy = Math.sin(j * GOLDEN);
          d = 1;
        }
        const push = (min - d) / 2 + 0.01;
        const ux = dx / d;
        const uy = dy / d;
        pos[i].x -= ux * push;
        pos[i].y -= uy * push;
        pos[j].x += ux * push;
        pos[j].y += uy * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return pos.map((p, i) => [Math.round(p.x - discs[i].x), Math.round(p.y - discs[i].y)]);
}
