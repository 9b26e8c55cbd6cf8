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

/** `just now`, `42 s ago`, `5 min ago`, `3 h ago`, `2 d ago`; null before the browser knows the time. */
export function formatAgo(iso: string, now: number): string | null {
  if (!now) return null;
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 10) return "just now";
  if (s < 60) return `${s} s ago`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
