/** Numbers as the console prints them: always with their unit. */

export function formatPrice(usdPerHour: number): string {
  // Enough digits that the cheapest sizes differ, never so many that large ones turn to noise.
  const digits = usdPerHour < 0.1 ? 4 : usdPerHour < 10 ? 3 : 2;
  return `$${usdPerHour.toFixed(digits)}/h`;
}

export function formatGiB(gib: number): string {
  return `${Number.isInteger(gib) ? gib : Number(gib.toFixed(2))} GiB`;
}

export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}
