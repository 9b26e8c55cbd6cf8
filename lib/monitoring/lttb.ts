import type { Point } from "./rollup";

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the first and last points and, from
 * each of `threshold - 2` equal buckets between them, the point that makes the largest triangle
 * with the point kept before and the average of the next bucket. Peaks and dips survive, which
 * averaging would flatten; a chart drawn from about one point per pixel looks like the full one.
 * Pure; answers a copy when there is nothing to drop.
 */
export function lttb(points: readonly Point[], threshold: number): Point[] {
  const n = points.length;
  if (threshold >= n || threshold <= 0) return points.slice();
  if (threshold === 1) return [points[n - 1]];
  if (threshold === 2) return [points[0], points[n - 1]];

  const out: Point[] = [points[0]];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // The average of the next bucket (the last point for the final bucket).
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += points[j][0];
      avgY += points[j][1];
    }
    const span = nextEnd - nextStart;
    avgX /= span;
    avgY /= span;

    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const [ax, ay] = points[a];
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (points[j][1] - ay) - (ax - points[j][0]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]);
    a = best;
  }
  out.push(points[n - 1]);
  return out;
}
