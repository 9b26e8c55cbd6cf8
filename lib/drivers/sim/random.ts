/** Deterministic randomness: the same seed and the same parts give the same number, in any process. */

function hash32(text: string): number {
  // FNV-1a, then murmur3's finalizer so that near-identical inputs spread over the whole range.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) drawn from the parts. */
export function unit(...parts: (string | number)[]): number {
  return hash32(parts.join("|")) / 0x1_0000_0000;
}

/** An integer in [0, n). */
export function pick(n: number, ...parts: (string | number)[]): number {
  return Math.floor(unit(...parts) * n);
}

/** A provider-looking id: `prefix-` and 17 hex digits, like EC2's `i-0abc…`. */
export function resourceId(prefix: string, ...parts: (string | number)[]): string {
  let hex = "";
  for (let i = 0; hex.length < 17; i++) hex += hash32([...parts, i].join("|")).toString(16).padStart(8, "0");
  return `${prefix}-${hex.slice(0, 17)}`;
}
