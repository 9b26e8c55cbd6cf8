/** Great-circle geometry on a spherical Earth; accurate to ~0.5%, far below the model's error. */

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Mean Earth radius (IUGG), the usual haversine choice. */
export const EARTH_RADIUS_KM = 6371;

export const DEG_TO_RAD = Math.PI / 180;

/**
 * Haversine on values already in radians, with cos(lat) passed in so hot loops can precompute it.
 * sin²(Δlon/2) is periodic, so pairs across the antimeridian come out short without special cases.
 */
export function haversineKmRad(lat1: number, cosLat1: number, lon1: number, lat2: number, cosLat2: number, lon2: number): number {
  const sLat = Math.sin((lat2 - lat1) / 2);
  const sLon = Math.sin((lon2 - lon1) / 2);
  const h = sLat * sLat + cosLat1 * cosLat2 * sLon * sLon;
  // Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Great-circle km between two unit vectors (x, y, z on the unit sphere). Hot loops precompute
 * the vectors once, leaving one sqrt and one asin per pair instead of haversine's four trig calls.
 */
export function unitVectorKm(x1: number, y1: number, z1: number, x2: number, y2: number, z2: number): number {
  const dx = x1 - x2;
  const dy = y1 - y2;
  const dz = z1 - z2;
  const halfChord = Math.sqrt(dx * dx + dy * dy + dz * dz) / 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(halfChord < 1 ? halfChord : 1);
}

export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const lat1 = a.lat * DEG_TO_RAD;
  const lat2 = b.lat * DEG_TO_RAD;
  return haversineKmRad(lat1, Math.cos(lat1), a.lon * DEG_TO_RAD, lat2, Math.cos(lat2), b.lon * DEG_TO_RAD);
}
