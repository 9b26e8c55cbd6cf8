type Bounds = { south: number; north: number; west: number; east: number };

/** Whether a point lies in a box, in any world copy (a box drawn over the Pacific spans ±180°). */
export function inBox(bounds: Bounds, lat: number, lon: number): boolean {
  if (lat < bounds.south || lat > bounds.north) return false;
  for (let shift = -720; shift <= 720; shift += 360) {
    const l = lon + shift;
    if (l >= bounds.west && l <= bounds.east) return true;
  }
  return false;
}
