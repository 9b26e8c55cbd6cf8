import type { MetricName } from "@/lib/core/metrics";
import { metricsBetween, parseProc, type ProcCounters } from "./proc-metrics";

/** A host is read at most this often, however many metrics and callers ask. */
export const SAMPLE_INTERVAL_MS = 10_000;
/** Samples kept per host: an hour at one read per 10 s, so a window asked again answers the same. */
const KEEP = 360;

export interface HostSample {
  at: number;
  values: Partial<Record<MetricName, number>>;
}

interface HostState {
  last: { at: number; counters: ProcCounters } | null;
  samples: HostSample[];
  reading: Promise<void> | null;
}

/**
 * Agentless metrics: /proc read over the host's pooled SSH connection, at most every 10 s per
 * host, rates computed from consecutive reads. One sampler serves every driver of the process
 * (the collector makes a driver per pull), so the reads and the previous counters outlive them.
 */
export class HostSampler {
  private readonly hosts = new Map<string, HostState>();

  constructor(readonly now: () => number = Date.now) {}

  /**
   * The host's samples, reading it first when its last read is older than the interval. Each
   * sample is stamped with the time of its read: one made after a caller's window began shows in
   * that caller's next window, never twice and never lost.
   */
  async samples(key: string, read: () => Promise<string>): Promise<HostSample[]> {
    let state = this.hosts.get(key);
    if (!state) this.hosts.set(key, (state = { last: null, samples: [], reading: null }));
    const s = state;
    if (!s.reading && (!s.last || this.now() - s.last.at >= SAMPLE_INTERVAL_MS)) {
      s.reading = (async () => {
        const text = await read();
        const at = this.now();
        const counters = parseProc(text);
        s.samples.push({ at, values: metricsBetween(s.last, at, counters) });
        if (s.samples.length > KEEP) s.samples.splice(0, s.samples.length - KEEP);
        s.last = { at, counters };
      })().finally(() => {
        s.reading = null;
      });
    }
    if (s.reading) await s.reading;
    return s.samples;
  }

  /** Forgets a host (its VM was released), so a later claim starts from fresh counters. */
  forget(key: string): void {
    this.hosts.delete(key);
  }
}

const samplers = new WeakMap<object, HostSampler>();

/** The sampler shared by every driver built on the same SSH pool. */
export function samplerFor(pool: object): HostSampler {
  let s = samplers.get(pool);
  if (!s) samplers.set(pool, (s = new HostSampler()));
  return s;
}

/** Samples in [fromMs, toMs) as points of one metric; a step above 10 s averages them into periods aligned to it. */
export function toPoints(samples: readonly HostSample[], metric: MetricName, fromMs: number, toMs: number, stepSeconds: number): [number, number][] {
  const raw: [number, number][] = [];
  for (const s of samples) {
    const v = s.values[metric];
    if (v !== undefined && s.at >= fromMs && s.at < toMs) raw.push([s.at, v]);
  }
  const stepMs = stepSeconds * 1000;
  if (stepMs <= SAMPLE_INTERVAL_MS) return raw;
  const out: [number, number][] = [];
  let start = NaN;
  let sum = 0;
  let n = 0;
  for (const [t, v] of raw) {
    const p = t - (t % stepMs);
    if (p !== start) {
      if (n) out.push([start, Math.round((sum / n) * 100) / 100]);
      start = p;
      sum = 0;
      n = 0;
    }
    sum += v;
    n++;
  }
  if (n) out.push([start, Math.round((sum / n) * 100) / 100]);
  return out;
}
