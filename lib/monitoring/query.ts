import { InvalidArgumentError, NotFoundError } from "@/lib/core/errors";
import { METRIC_SOURCES, type MetricStore } from "@/lib/store/metric-types";
import type { MonitoredVm, MonitoredVmRepository } from "@/lib/store/monitored-vms";
import type { MetricsAnswer, MetricsQuery } from "@/lib/validation/monitoring";
import { lttb } from "./lttb";
import { alignDown, combineSeries, mciRollupLevel, type Point } from "./rollup";

/** Points one answer may read over all its series (1,000 VMs × a day at one minute is 1.44 million). */
export const MAX_POINTS_READ = 5_000_000;
const READS_AT_ONCE = 8;

export interface QueryDeps {
  metrics: MetricStore;
  vms: MonitoredVmRepository;
}

async function vmsOf(deps: QueryDeps, q: MetricsQuery): Promise<Pick<MonitoredVm, "id" | "name">[]> {
  if (q.vm) {
    const vm = await deps.vms.find(q.vm);
    if (vm) return [vm];
    // A removed VM's samples stay until retention ends; they can still be read by its id.
    for (const source of METRIC_SOURCES) if ((await deps.metrics.seriesId(q.vm, q.metric, source)) !== undefined) return [{ id: q.vm, name: q.vm }];
    throw new NotFoundError(`VM "${q.vm}" does not exist and has no stored metrics; GET /api/v1/ns/{ns}/mci/{id} lists an MCI's VMs`);
  }
  await mciMustExist(deps, q.mci!);
  return deps.vms.inMci(q.mci!);
}

async function mciMustExist(deps: QueryDeps, mci: string): Promise<void> {
  if (!(await deps.vms.mciExists(mci))) throw new NotFoundError(`MCI "${mci}" does not exist; GET /api/v1/ns/{ns}/mci lists them`);
}

/** Reads per VM, a few at a time: on PostgreSQL each is a round trip, and the pool serves several at once. */
async function readAll<V, T>(vms: readonly V[], read: (v: V) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(vms.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < vms.length; i = next++) out[i] = await read(vms[i]);
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, vms.length) }, worker));
  return out;
}

function mean(points: readonly Point[]): number {
  let sum = 0;
  for (const [, v] of points) sum += v;
  return points.length ? sum / points.length : -Infinity;
}

/** The n series with the highest mean, highest first; series without points come last, by name. */
export function topByMean<S extends { name: string; points: Point[] }>(series: readonly S[], n: number): S[] {
  return series
    .map((s) => ({ s, m: mean(s.points) }))
    .sort((a, b) => b.m - a.m || a.s.name.localeCompare(b.s.name, undefined, { numeric: true }))
    .slice(0, n)
    .map((x) => x.s);
}

/**
 * Answers a chart's question: one series per VM (or one combining them), bucketed by the step
 * from the coarsest stored level that tiles it, optionally downsampled with LTTB.
 */
export async function queryMetrics(deps: QueryDeps, q: MetricsQuery, now: number): Promise<MetricsAnswer> {
  const stepMs = q.step * 1000;
  const from = alignDown(q.from, stepMs);
  const down = (points: Point[]) => (q.maxPoints ? lttb(points, q.maxPoints) : points);
  const base = { metric: q.metric, agg: q.agg, step: q.step, from, to: q.to, source: q.source };
  const res = q.mci && q.combine ? mciRollupLevel({ stepMs, agg: q.agg, combine: q.combine, source: q.source }) : null;
  if (res && q.mci && q.combine) {
    // A whole MCI at minute or hour level: its own rollups, one row per bucket however many VMs it has.
    await mciMustExist(deps, q.mci);
    await deps.metrics.prepareRead({ stepMs, now });
    const [vms, points] = await Promise.all([deps.vms.countInMci(q.mci), deps.metrics.readMci(q.mci, q.metric, { fromMs: from, toMs: q.to, res, combine: q.combine })]);
    return { ...base, series: [{ combine: q.combine, vms, points: down(points) }] };
  }
  const vms = await vmsOf(deps, q);
  const perSeries = Math.ceil((q.to - from) / stepMs);
  if (vms.length * perSeries > MAX_POINTS_READ) {
    throw new InvalidArgumentError(
      `step: ${vms.length} VMs × ${perSeries} points is more than ${MAX_POINTS_READ} points to read; raise the step or narrow the range`,
    );
  }
  const read = { fromMs: from, toMs: q.to, stepMs, agg: q.agg, source: q.source, now };
  await deps.metrics.prepareRead(read);
  if (q.combine) {
    const all = await readAll(vms, (v) => deps.metrics.readNow(v.id, q.metric, read));
    return { ...base, series: [{ combine: q.combine, vms: vms.length, points: down(combineSeries(all, q.combine)) }] };
  }
  const series = await readAll(vms, async (v) => ({ vm: v.id, name: v.name, points: await deps.metrics.readNow(v.id, q.metric, read) }));
  if (q.top) return { ...base, total: vms.length, series: topByMean(series, q.top).map((s) => ({ ...s, points: down(s.points) })) };
  return { ...base, series: series.map((s) => ({ ...s, points: down(s.points) })) };
}
