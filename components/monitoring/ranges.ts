/** The chart ranges the console offers, how often each refreshes, and how its time axis reads. */
export const RANGES = [
  { id: "15m", label: "15 min", ms: 15 * 60_000, refreshMs: 10_000 },
  { id: "1h", label: "1 h", ms: 3_600_000, refreshMs: 10_000 },
  { id: "6h", label: "6 h", ms: 6 * 3_600_000, refreshMs: 30_000 },
  { id: "24h", label: "24 h", ms: 24 * 3_600_000, refreshMs: 60_000 },
  { id: "7d", label: "7 d", ms: 7 * 24 * 3_600_000, refreshMs: 300_000 },
] as const;

export type RangeId = (typeof RANGES)[number]["id"];
export type ChartRange = (typeof RANGES)[number];

export function rangeOf(id: string | null | undefined): ChartRange {
  return RANGES.find((r) => r.id === id) ?? RANGES[1];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A time-axis tick in UTC, like every time the console prints: `14:30`, or `Nov 27` / `27 14h` for long ranges. */
export function formatAxisTime(range: ChartRange, ms: number): string {
  const d = new Date(ms);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (range.ms <= 24 * 3_600_000) return hm;
  return `${d.toLocaleString("en-US", { month: "short", timeZone: "UTC" })} ${d.getUTCDate()} ${hm}`;
}

/** A tooltip's time: `2026-11-27 14:30:10 UTC`. */
export function formatPointTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
