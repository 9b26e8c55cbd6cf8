/**
 * The console's colours: one palette for providers, one for statuses, one scale for latency.
 * Pure: markers, legends and charts all read from here so a provider is the same colour everywhere.
 */
import type { VmStatus } from "./types";

/**
 * Paul Tol's discrete rainbow for 12 colours (https://personal.sron.nl/~pault/), built to stay
 * distinguishable under the common colour-vision deficiencies. With 11 providers no palette keeps
 * every pair apart, so the largest providers got the hues furthest apart (blue, green, orange,
 * red, yellow, purple) and the ones with a handful of regions share the paler neighbours.
 */
export const PROVIDER_COLOURS: Readonly<Record<string, string>> = {
  azure: "#5289C7",
  gcp: "#4EB265",
  aws: "#F4A736",
  alibaba: "#DC050C",
  tencent: "#F7F056",
  ibm: "#AA6F9E",
  nhn: "#7BAFDE",
  ncp: "#CAE0AB",
  kt: "#E8601C",
  openstack: "#D1BBD7",
  "openstack-ex01": "#1965B0",
};

/** Tol's neutral grey: a provider the palette does not know yet reads as "other", not as a brand. */
export const FALLBACK_PROVIDER_COLOUR = "#BBBBBB";

export function providerColour(provider: string): string {
  return PROVIDER_COLOURS[provider] ?? FALLBACK_PROVIDER_COLOUR;
}

/**
 * Status colours as operators expect them (DESIGN.md), taken from Tol's "bright" scheme so they
 * stay apart for colour-blind viewers; transitional states borrow the colour of where they lead.
 */
export const STATUS_COLOURS: Readonly<Record<VmStatus, string>> = {
  Running: "#228833",
  Creating: "#4477AA",
  Resuming: "#4477AA",
  Suspending: "#BBBBBB",
  Suspended: "#BBBBBB",
  Rebooting: "#CCBB44",
  Failed: "#EE6677",
  Terminating: "#666666",
  Terminated: "#666666",
  Undefined: "#AA3377",
};

export function statusColour(status: VmStatus): string {
  return STATUS_COLOURS[status] ?? STATUS_COLOURS.Undefined;
}

/** Faded states are drawn with less opacity so live resources stand out. */
export function statusOpacity(status: VmStatus): number {
  return status === "Terminated" || status === "Terminating" ? 0.45 : 1;
}

/**
 * Stops of the latency scale, from the same Tol rainbow so the ramp also reads as a lightness
 * ramp (light green -> yellow -> dark red) for viewers who cannot tell red from green.
 */
export const LATENCY_STOPS: readonly { ms: number; colour: string }[] = [
  { ms: 0, colour: "#4EB265" },
  { ms: 100, colour: "#F7F056" },
  { ms: 200, colour: "#F4A736" },
  { ms: 300, colour: "#DC050C" },
];

export const LATENCY_SCALE_MAX_MS = 300;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`.toUpperCase();
}

/** Colour for a round-trip time: green at 0 ms, yellow near 100, red from 300 ms on. */
export function latencyColour(ms: number): string {
  if (!Number.isFinite(ms) || ms <= LATENCY_STOPS[0].ms) return LATENCY_STOPS[0].colour;
  for (let i = 1; i < LATENCY_STOPS.length; i++) {
    const hi = LATENCY_STOPS[i];
    if (ms <= hi.ms) {
      const lo = LATENCY_STOPS[i - 1];
      const t = (ms - lo.ms) / (hi.ms - lo.ms);
      const a = hexToRgb(lo.colour);
      const b = hexToRgb(hi.colour);
      return rgbToHex([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]);
    }
  }
  return LATENCY_STOPS[LATENCY_STOPS.length - 1].colour;
}
