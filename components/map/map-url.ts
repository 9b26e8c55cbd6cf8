/** The map's view in the URL: `?region=<key>&at=lat,lon,zoom&hide=p1,p2&lines=10|all`. */

export type MapView = { lat: number; lon: number; zoom: number };
export type LineCount = number | "all";

export const LINE_COUNTS: readonly LineCount[] = [10, 25, "all"];

export function parseAt(value: string | null): MapView | null {
  if (!value) return null;
  const parts = value.split(",").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lat, lon, zoom] = parts;
  if (Math.abs(lat) > 90 || zoom < 0 || zoom > 20) return null;
  return { lat, lon: ((((lon + 180) % 360) + 360) % 360) - 180, zoom };
}

export function formatAt(view: MapView): string {
  return `${view.lat.toFixed(2)},${view.lon.toFixed(2)},${Number(view.zoom.toFixed(2))}`;
}

export function parseHidden(value: string | null): Set<string> {
  return new Set((value ?? "").split(",").filter(Boolean));
}

export function parseLines(value: string | null): LineCount | null {
  if (value === "all") return "all";
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}

/** The current URL with some query parameters set (string) or removed (null), others kept. */
export function withQuery(updates: Record<string, string | null>): string {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(updates)) {
    if (value === null || value === "") params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString().replaceAll("%2C", ",");
  return `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
}
