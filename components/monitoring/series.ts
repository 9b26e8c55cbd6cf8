/** Pure helpers that turn the metrics API's points into what a chart draws. */

export type Point = readonly [number, number];
export type ChartPoint = { t: number; v: number | null; lone?: true };

/**
 * The points as chart rows, with a null between two points further apart than `gapMs`, so a VM
 * that was suspended (or sent nothing) shows a break instead of a straight line across the hole.
 */
export function withGaps(points: readonly Point[], gapMs: number): ChartPoint[] {
  const out: ChartPoint[] = [];
  const apart = (i: number) => i <= 0 || i >= points.length || points[i][0] - points[i - 1][0] > gapMs;
  for (let i = 0; i < points.length; i++) {
    const [t, v] = points[i];
    if (i > 0 && apart(i)) out.push({ t: points[i - 1][0] + 1, v: null });
    // A point with no neighbour draws no line: the chart marks it with a dot instead.
    out.push(apart(i) && apart(i + 1) ? { t, v, lone: true } : { t, v });
  }
  return out;
}

/** The typical distance between neighbouring points (their median), 0 for fewer than two. */
export function typicalSpacing(points: readonly Point[]): number {
  if (points.length < 2) return 0;
  const deltas = points.slice(1).map((p, i) => p[0] - points[i][0]).sort((a, b) => a - b);
  return deltas[deltas.length >> 1];
}

/** The gap that still counts as continuous: LTTB spreads points, so it is measured against the answer's own density. */
export function gapFor(stepSeconds: number, rangeMs: number, maxPoints: number): number {
  const step = stepSeconds * 1000;
  const buckets = rangeMs / step;
  // Downsampled series keep about maxPoints of `buckets`: neighbours are that many steps apart.
  const spacing = buckets > maxPoints ? step * (buckets / maxPoints) : step;
  return spacing * 2.5;
}

/** The last value of each series: what the VM reports now. */
export function latestValues(series: readonly { vm?: string; points: readonly Point[] }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of series) if (s.vm && s.points.length > 0) out.set(s.vm, s.points[s.points.length - 1][1]);
  return out;
}

/** The point of a time-sorted series nearest to `t`, if one lies within `within` ms of it. */
export function nearest(points: readonly Point[], t: number, within: number): Point | null {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0) return null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] < t) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [points[lo], points[lo - 1]].filter(Boolean);
  const best = candidates.reduce((a, b) => (Math.abs(b[0] - t) < Math.abs(a[0] - t) ? b : a));
  return Math.abs(best[0] - t) <= within ? best : null;
}

/** Evenly spaced time ticks on round UTC boundaries: five to eight across the range. */
export function timeTicks(from: number, to: number): number[] {
  const NICE = [60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000];
  const every = NICE.find((n) => (to - from) / n <= 8) ?? 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(from / every) * every; t < to; t += every) out.push(t);
  return out;
}
