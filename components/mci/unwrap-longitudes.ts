/**
 * Longitudes shifted so the points form one span without crossing the widest empty gap: an MCI in
 * Tokyo and Oregon is framed across the Pacific, not across Europe.
 */
export function unwrapLongitudes(lons: readonly number[]): number[] {
  const wrapped = lons.map((l) => (l >= -180 && l < 180 ? l : ((((l + 180) % 360) + 360) % 360) - 180));
  if (wrapped.length < 2) return wrapped;
  const sorted = [...wrapped].sort((a, b) => a - b);
  // The span starts just after the widest gap (the gap across ±180° counts too).
  let start = sorted[0];
  let widest = sorted[0] + 360 - sorted[sorted.length - 1];
  for (let i = 0; i < sorted.length - 1; i++) {
    const gap = sorted[i + 1] - sorted[i];
    if (gap > widest) {
      widest = gap;
      start = sorted[i + 1];
    }
  }
  return wrapped.map((l) => (l < start ? l + 360 : l));
}
