/** Small spherical helpers for drawing on a Mercator map that repeats every 360° of longitude. */

export type LatLon = [number, number];

/** The world is drawn three times side by side so Pacific-crossing lines and markers stay whole. */
export const WORLD_COPIES = [-360, 0, 360] as const;

const RAD = Math.PI / 180;

/**
 * Points along the great circle from a to b, with longitudes unwrapped so the path never jumps
 * 360° mid-way: drawn on Mercator it bends the way a real route does (Seoul to Oregon over the Pacific).
 */
export function greatCirclePath(a: LatLon, b: LatLon, segments = 48): LatLon[] {
  const [lat1, lon1] = [a[0] * RAD, a[1] * RAD];
  const [lat2, lon2] = [b[0] * RAD, b[1] * RAD];
  const p1 = [Math.cos(lat1) * Math.cos(lon1), Math.cos(lat1) * Math.sin(lon1), Math.sin(lat1)];
  const p2 = [Math.cos(lat2) * Math.cos(lon2), Math.cos(lat2) * Math.sin(lon2), Math.sin(lat2)];
  const dot = Math.min(1, Math.max(-1, p1[0] * p2[0] + p1[1] * p2[1] + p1[2] * p2[2]));
  const omega = Math.acos(dot);
  if (omega < 1e-6) return [a, b];
  const sinOmega = Math.sin(omega);
  const out: LatLon[] = [];
  let prevLon = a[1];
  for (let i = 0; i <= segments; i++) {
    const t = i / segments;
    const k1 = Math.sin((1 - t) * omega) / sinOmega;
    const k2 = Math.sin(t * omega) / sinOmega;
    const x = k1 * p1[0] + k2 * p2[0];
    const y = k1 * p1[1] + k2 * p2[1];
    const z = k1 * p1[2] + k2 * p2[2];
    const lat = Math.atan2(z, Math.hypot(x, y)) / RAD;
    let lon = Math.atan2(y, x) / RAD;
    // Keep each step within 180° of the last one so the path continues past ±180 instead of wrapping.
    while (lon - prevLon > 180) lon -= 360;
    while (lon - prevLon < -180) lon += 360;
    out.push([lat, lon]);
    prevLon = lon;
  }
  return out;
}

export function shiftPath(path: LatLon[], offset: number): LatLon[] {
  return offset === 0 ? path : path.map(([lat, lon]) => [lat, lon + offset]);
}

/** The copy of `lon` nearest to `reference`, so a fly-to never crosses the whole world. */
export function nearestCopy(lon: number, reference: number): number {
  return lon + 360 * Math.round((reference - lon) / 360);
}

export function formatCoordinates(lat: number, lon: number): string {
  const ns = lat >= 0 ? "N" : "S";
  const ew = lon >= 0 ? "E" : "W";
  return `${Math.abs(lat).toFixed(2)}°${ns}, ${Math.abs(lon).toFixed(2)}°${ew}`;
}
