/**
 * The console's colours: one palette for providers, one for statuses, one scale for latency.
 * Pure: markers, legends and charts all read from here so a provider is the same colour everywhere.
 */
import type { VmStatus } from "./types";

/**
 * Paul Tol's discrete rainbow for 12 colours (https://personal.sron.nl/~pault/), built to stay
 * distinguishable under the common colour-vision deficiencies. With 9 providers no palette keeps
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

type Stop = { at: number; colour: string };

/** The colour at `value` on a ramp of stops (ascending `at`), interpolated in RGB, clamped at both ends. */
function rampColour(stops: readonly Stop[], value: number): string {
  if (!Number.isFinite(value) || value <= stops[0].at) return stops[0].colour;
  for (let i = 1; i < stops.length; i++) {
    const hi = stops[i];
    if (value <= hi.at) {
      const lo = stops[i - 1];
      const t = (value - lo.at) / (hi.at - lo.at);
      const a = hexToRgb(lo.colour);
      const b = hexToRgb(hi.colour);
      return rgbToHex([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]);
    }
  }
  return stops[stops.length - 1].colour;
}

const LATENCY_RAMP: readonly Stop[] = LATENCY_STOPS.map((s) => ({ at: s.ms, colour: s.colour }));

/** Colour for a round-trip time: green at 0 ms, yellow near 100, red from 300 ms on. */
export function latencyColour(ms: number): string {
  return rampColour(LATENCY_RAMP, ms);
}

/**
 * Stops of the heat scale for a utilisation in percent: a calm blue when idle, Tol's yellow at
 * half load, orange and red as the VM fills up. Blue to red is also a dark-light-dark ramp, so it
 * does not rely on telling red from green.
 */
export const HEAT_STOPS: readonly { percent: number; colour: string }[] = [
  { percent: 0, colour: "#4477AA" },
  { percent: 30, colour: "#66CCEE" },
  { percent: 55, colour: "#F7F056" },
  { percent: 75, colour: "#F4A736" },
  { percent: 100, colour: "#DC050C" },
];

const HEAT_RAMP: readonly Stop[] = HEAT_STOPS.map((s) => ({ at: s.percent, colour: s.colour }));

/** Colour for a utilisation in percent (CPU heat): blue when idle, yellow at half, red when full. */
export function heatColour(percent: number): string {
  return rampColour(HEAT_RAMP, percent);
}

/** A VM that reports nothing (not running, or no samples yet) on a heat map. */
export const NO_DATA_COLOUR = "#475569";
