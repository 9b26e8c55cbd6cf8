import type { TourId } from "./tours";

const PATTERN = /^demo-(video-conference|global-scale)-(\d{8})-(\d{6})$/;

/** `demo-<tour>-<yyyymmdd>-<hhmmss>` (UTC): a namespace of the tour's own, easy to spot and to clean up. */
export function demoNamespace(tour: TourId, at: Date): string {
  const iso = at.toISOString();
  return `demo-${tour}-${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}

/** A namespace a tour made, with the tour and when it started; null for any other namespace. */
export function parseDemoNamespace(name: string): { tour: TourId; startedAt: Date } | null {
  const m = PATTERN.exec(name);
  if (!m) return null;
  const [, tour, d, t] = m;
  const startedAt = new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}Z`);
  return Number.isNaN(startedAt.getTime()) ? null : { tour: tour as TourId, startedAt };
}
