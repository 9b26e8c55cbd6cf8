/** Times as the console prints them: UTC, so the server's HTML and the browser agree. */

/** `2026-11-27 03:10:05 UTC` */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `03:10:05.412`: enough to tell apart steps a fast simulator makes within one second. */
export function formatClock(iso: string, millis = false): string {
  return iso.slice(11, millis ? 23 : 19);
}

/** `+850 ms`, `+4.2 s`, `+3 min 5 s` after the previous step. */
export function formatStep(ms: number): string {
  if (ms < 1000) return `+${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `+${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `$12.34/month` (730 hours, as the review counts a month). */
export function formatMonthly(usd: number): string {
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}/month`;
}
