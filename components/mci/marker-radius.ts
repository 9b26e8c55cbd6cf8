/** Marker radius for a VM count: a single VM is still easy to hit, a thousand do not cover a country. */
export function radiusForCount(count: number): number {
  return Math.min(26, Math.round(11 + 2.2 * Math.sqrt(count)));
}
