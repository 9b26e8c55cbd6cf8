import type { Agg, Combine } from "@/lib/core/metrics";
import type { Point } from "@/lib/monitoring/rollup";

export const METRIC_SOURCES = ["agent", "cloud"] as const;
/** `agent`: pushed from inside the VM (line protocol). `cloud`: pulled from the cloud through its driver. */
export type MetricSource = (typeof METRIC_SOURCES)[number];

export interface SampleInput {
  vmId: string;
  metric: string;
  /** Epoch milliseconds. */
  ts: number;
  value: number;
}

export interface CollectedBatch {
  vmId: string;
  samples: { metric: string; ts: number; value: number }[];
  /** The collector's cursor after this batch: the window it asked for ends here (exclusive). */
  until: number;
}

export interface ReadQuery {
  fromMs: number;
  toMs: number;
  stepMs: number;
  agg: Agg;
  /** `auto`: agent samples win over the cloud's, bucket by bucket. */
  source: MetricSource | "auto";
  now: number;
}

export interface Retention {
  rawMs: number;
  minuteMs: number;
  hourMs: number;
}

export type { Point };

/** An MCI's combined series read from its rollups (see mciRollupLevel for when they answer a query). */
export interface MciReadQuery {
  fromMs: number;
  toMs: number;
  res: 60 | 3600;
  combine: Combine;
}

/** An MCI rollup row as read: ts, sum of the VMs' averages, VMs counted, min, max. */
export type MciRow = [number, number, number, number, number];

/** One point per MCI rollup row. */
export function mciPoints(rows: readonly MciRow[], combine: Combine): Point[] {
  return rows.map(([ts, sum, count, min, max]): Point => [ts, combine === "avg" ? sum / count : combine === "sum" ? sum : combine === "min" ? min : max]);
}

/**
 * Samples and their rollups, on SQLite (metrics-sqlite.ts) or PostgreSQL (metrics-postgres.ts):
 * the same answers from both.
 */
export interface MetricStore {
  close(): Promise<void>;
  /** The id of a series, or undefined when it has never been written. */
  seriesId(vmId: string, metric: string, source: MetricSource): Promise<number | undefined>;
  /**
   * Stores samples; answers how many. Agent samples overwrite a sample of the same series and
   * time (the last write wins, as in InfluxDB); the cloud's never overwrite a stored one.
   */
  write(samples: readonly SampleInput[], source?: MetricSource): Promise<number>;
  /** What the collector pulled, with each VM's new cursor in the same transaction: a restart neither repeats nor skips a window. */
  writeCollected(batches: readonly CollectedBatch[]): Promise<number>;
  cursors(): Promise<Map<string, number>>;
  dropCursors(vmIds: readonly string[]): Promise<void>;
  /** Brings the rollups up to date with every sample written so far; answers how many samples (or buckets) it took. */
  flushRollups(now: number): Promise<number>;
  /** A VM's metric in buckets of the step, buckets stamped with their start, oldest first. */
  read(vmId: string, metric: string, q: ReadQuery): Promise<Point[]>;
  /** Call once before a batch of readNow: coarse levels are first brought up to date. */
  prepareRead(q: Pick<ReadQuery, "stepMs" | "now">): Promise<void>;
  /** As read, without bringing the rollups up to date first. */
  readNow(vmId: string, metric: string, q: ReadQuery): Promise<Point[]>;
  /** `agg` of a VM's metric in [fromMs, toMs) from the raw samples; the agent's when it sent any there. */
  windowValue(vmId: string, metric: string, fromMs: number, toMs: number, agg: Agg): Promise<number | null>;
  /** Every VM's newest sample of a metric at or after `sinceMs` (the agent's when it sent one, else the cloud's). */
  latestValues(metric: string, sinceMs: number): Promise<Map<string, number>>;
  /** Deletes what is past retention; answers rows (SQLite) or partitions' rows (PostgreSQL) deleted. */
  sweep(now: number, retention: Retention): Promise<number>;
  /** An MCI's series combined over its VMs, from the per-MCI rollups (kept by flushRollups), buckets oldest first. */
  readMci(mciId: string, metric: string, q: MciReadQuery): Promise<Point[]>;
  /** Row counts, for tests and benchmarks. */
  counts(): Promise<{ series: number; samples: number; rollups: number }>;
}
