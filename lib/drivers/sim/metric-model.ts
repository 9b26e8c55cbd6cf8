import type { MetricName } from "@/lib/core/metrics";
import type { VmStatus } from "@/lib/core/types";
import { unit } from "./random";

/**
 * What a simulated VM would report, as a pure function of its seed, its status history and the
 * time: the same VM answers the same numbers for the same instant in any process, so the
 * collector can pull any window again after a restart and get what it missed, never something
 * different. Samples exist only while the VM runs.
 *
 * Shape: a daily cycle by the region's local solar time (longitude / 15 h; quiet at 04:00, busy
 * at 16:00), noise, and bursts (about one 5-minute window in 20 carries a load spike). Memory
 * warms up after each start; disk fills slowly from the VM's creation; network and disk I/O
 * follow the CPU load.
 */

type Point = [number, number];

export const SIM_SAMPLE_MS = 10_000;
const BURST_WINDOW_MS = 5 * 60_000;
const BURST_CHANCE = 0.05;
const DAY_MS = 86_400_000;

export interface Interval {
  from: number;
  /** Exclusive; Infinity while still running. */
  to: number;
}

export interface SimVmProfile {
  seed: string;
  vmId: string;
  vcpu: number;
  longitude: number;
  createdAt: number;
  /** When the VM was Running, oldest first. */
  running: Interval[];
}

/** The Running stretches of a status history (entries oldest first). */
export function runningIntervals(history: readonly { status: VmStatus; at: number }[]): Interval[] {
  const out: Interval[] = [];
  let start: number | null = null;
  for (const h of history) {
    if (h.status === "Running") start ??= h.at;
    else if (start !== null) {
      if (h.at > start) out.push({ from: start, to: h.at });
      start = null;
    }
  }
  if (start !== null) out.push({ from: start, to: Infinity });
  return out;
}

/** The local solar hour at a longitude, in [0, 24). */
export function localHour(t: number, longitude: number): number {
  const h = (t / 3_600_000 + longitude / 15) % 24;
  return h < 0 ? h + 24 : h;
}

/** 0 at 04:00 local time, 1 at 16:00. */
export function dailyLoad(t: number, longitude: number): number {
  return 0.5 - 0.5 * Math.cos((2 * Math.PI * (localHour(t, longitude) - 4)) / 24);
}

function trait(p: SimVmProfile, name: string): number {
  return unit(p.seed, "metrics", p.vmId, name);
}

/** Triangular noise in (-1, 1), fixed per VM, metric and instant. */
function noise(p: SimVmProfile, metric: string, t: number): number {
  return unit(p.seed, "noise", p.vmId, metric, t) + unit(p.seed, "noise2", p.vmId, metric, t) - 1;
}

/** Extra CPU percent from a burst at t: ramps up for 30 s, holds, fades over the last minute. */
export function burstAt(p: SimVmProfile, t: number): number {
  const w = Math.floor(t / BURST_WINDOW_MS);
  if (unit(p.seed, "burst", p.vmId, w) >= BURST_CHANCE) return 0;
  const size = 20 + 50 * unit(p.seed, "burst-size", p.vmId, w);
  const into = t - w * BURST_WINDOW_MS;
  const shape = Math.min(1, into / 30_000, (BURST_WINDOW_MS - into) / 60_000);
  return size * Math.max(0, shape);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function cpuAt(p: SimVmProfile, t: number): number {
  const base = 5 + 20 * trait(p, "cpu-base");
  const amp = 10 + 40 * trait(p, "cpu-amp");
  return clamp(base + amp * dailyLoad(t, p.longitude) + 3 * noise(p, "cpu", t) + burstAt(p, t), 0.5, 100);
}

function runningSince(p: SimVmProfile, t: number): number | null {
  for (const r of p.running) if (t >= r.from && t < r.to) return r.from;
  return null;
}

/** One metric at instant t, or null when the VM was not running then. */
export function simValue(p: SimVmProfile, metric: MetricName, t: number): number | null {
  const since = runningSince(p, t);
  if (since === null) return null;
  const cpu = cpuAt(p, t);
  const load = cpu / 100;
  switch (metric) {
    case "cpu_utilization":
      return round2(cpu);
    case "mem_utilization": {
      const warm = 12 * (1 - Math.exp(-(t - since) / 1_800_000));
      return round2(clamp(15 + 35 * trait(p, "mem-base") + warm + 8 * dailyLoad(t, p.longitude) + 0.15 * burstAt(p, t) + noise(p, "mem", t), 1, 99));
    }
    case "disk_utilization": {
      const days = Math.max(0, t - p.createdAt) / DAY_MS;
      return round2(clamp(10 + 40 * trait(p, "disk-base") + (0.1 + 1.4 * trait(p, "disk-rate")) * days + 0.05 * noise(p, "disk", t), 1, 97));
    }
    case "bytes_in":
    case "bytes_out": {
      const scale = 2e4 * 10 ** (2 * trait(p, "net")) * Math.sqrt(Math.max(1, p.vcpu));
      const inbound = scale * (0.15 + 0.85 * load) * (1 + 0.15 * noise(p, "net-in", t));
      if (metric === "bytes_in") return Math.round(inbound);
      return Math.round(inbound * (0.4 + 2 * trait(p, "net-ratio")) * (1 + 0.1 * noise(p, "net-out", t)));
    }
    case "kb_read":
    case "kb_written": {
      const scale = 50 * 10 ** (1.5 * trait(p, "io"));
      if (metric === "kb_read") return round2(scale * (0.05 + 0.6 * load) * (1 + 0.3 * noise(p, "read", t)));
      return round2(scale * (0.5 + trait(p, "io-write")) * (0.1 + 0.5 * load) * (1 + 0.3 * noise(p, "write", t)));
    }
  }
}

/** The start of the period holding t, periods aligned to multiples of the step since the epoch. */
function periodStart(t: number, stepMs: number): number {
  return t - (((t % stepMs) + stepMs) % stepMs);
}

/**
 * The cloud's own statistic over a period (CloudWatch's Average): the mean of the samples that
 * fell in it, stamped with the period's start. Samples arrive oldest first.
 */
function periodAverages(samples: readonly Point[], stepMs: number): Point[] {
  const out: Point[] = [];
  let start = NaN;
  let sum = 0;
  let n = 0;
  for (const [t, v] of samples) {
    const s = periodStart(t, stepMs);
    if (s !== start) {
      if (n) out.push([start, sum / n]);
      start = s;
      sum = 0;
      n = 0;
    }
    sum += v;
    n++;
  }
  if (n) out.push([start, sum / n]);
  return out;
}

/**
 * Samples every 10 s in [fromMs, toMs), never after `now`; a coarser step averages them into
 * periods aligned to the step.
 */
export function simSeries(p: SimVmProfile, metric: MetricName, fromMs: number, toMs: number, stepSeconds: number, now: number): Point[] {
  const stepMs = stepSeconds * 1000;
  const start = periodStart(stepMs > SIM_SAMPLE_MS ? periodStart(fromMs, stepMs) : fromMs + SIM_SAMPLE_MS - 1, SIM_SAMPLE_MS);
  const end = Math.min(toMs, now + 1);
  const samples: Point[] = [];
  for (let t = start; t < end; t += SIM_SAMPLE_MS) {
    const v = simValue(p, metric, t);
    if (v !== null) samples.push([t, v]);
  }
  return stepMs > SIM_SAMPLE_MS ? periodAverages(samples, stepMs) : samples;
}
