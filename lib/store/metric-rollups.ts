import { alignDown, mergeBuckets, type Bucket } from "@/lib/monitoring/rollup";
import { SqliteMciRollups } from "./mci-rollups";
import { Checkpoints, type SqliteDb } from "./metrics-db";

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Rows per rollup transaction: bounds how long one pass holds the write lock. */
const CHUNK_ROWS = 100_000;
/** A sweep spares rollups written this recently, so a backfill older than the retention can be read back. */
const SWEEP_GRACE_MS = 10 * MINUTE;
const SWEEP_SERIES_PER_TX = 500;

export const CHECKPOINT = {
  /** Every sample with seq at or below this is in the rollups. */
  rolledSeq: "rollup.seq",
  /** Raw samples older than this may have been swept: their minute buckets are merged into, not recomputed. */
  rawSweptBefore: "sweep.raw",
  /** Likewise for the minute rollups under the hour ones. */
  minuteSweptBefore: "sweep.minute",
  /** The highest seq at the previous sweep: newer samples survive one more sweep whatever their time. */
  sweepSeqMark: "sweep.seqMark",
} as const;

export interface Retention {
  rawMs: number;
  minuteMs: number;
  hourMs: number;
}

/** count, sum, min, max, last, lastTs */
type RollupRow = [number, number, number, number, number, number];

function toBucket(r: RollupRow): Bucket {
  return { count: r[0], sum: r[1], min: r[2], max: r[3], last: r[4], lastTs: r[5] };
}

/** A bucket from samples ordered by time; null when there are none. */
function fromSamples(rows: [number, number][]): Bucket | null {
  if (!rows.length) return null;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const [, v] of rows) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const [lastTs, last] = rows[rows.length - 1];
  return { count: rows.length, sum, min, max, last, lastTs };
}

function fromRollups(rows: RollupRow[]): Bucket | null {
  return rows.length ? rows.map(toBucket).reduce(mergeBuckets) : null;
}

/**
 * Keeps the 1-minute and 1-hour rollups up to date with the samples. Samples are taken by
 * insertion order (seq), so a late or rewritten sample is rolled up like a new one: its bucket
 * is recomputed from the finer level, which is exact even when a sample was replaced. Below a
 * level's retention horizon the finer rows may be gone, so there the new samples are merged into
 * the bucket instead.
 */
export class RollupJob {
  private readonly cp: Checkpoints;
  private readonly s;
  readonly mci: SqliteMciRollups;

  constructor(private readonly db: SqliteDb) {
    this.cp = new Checkpoints(db);
    this.mci = new SqliteMciRollups(db);
    const upsertCols = ["count", "sum", "min", "max", "last", "lastTs", "touchedAt"].map((c) => `${c} = excluded.${c}`).join(", ");
    this.s = {
      maxSeq: db.prepare<[], { seq: number | null }>(`SELECT max(seq) AS seq FROM "MetricSample"`),
      // Ordered like the index, so the recomputations below walk it in order.
      dirty: db.prepare<[number, number], [number, number]>(`SELECT DISTINCT seriesId, ts - ts % 60000 AS b FROM "MetricSample" WHERE seq > ? AND seq <= ? ORDER BY seriesId, b`).raw(true),
      rawRows: db.prepare<[number, number, number], [number, number]>(`SELECT ts, value FROM "MetricSample" WHERE seriesId = ? AND ts >= ? AND ts < ? ORDER BY ts`).raw(true),
      rawNewRows: db.prepare<[number, number, number, number, number], [number, number]>(
        `SELECT ts, value FROM "MetricSample" WHERE seriesId = ? AND ts >= ? AND ts < ? AND seq > ? AND seq <= ? ORDER BY ts`,
      ).raw(true),
      minuteRows: db.prepare<[number, number, number], RollupRow>(`SELECT count, sum, min, max, last, lastTs FROM "MetricRollup" WHERE seriesId = ? AND res = 60 AND ts >= ? AND ts < ?`).raw(true),
      existing: db.prepare<[number, number, number], RollupRow>(`SELECT count, sum, min, max, last, lastTs FROM "MetricRollup" WHERE seriesId = ? AND res = ? AND ts = ?`).raw(true),
      upsert: db.prepare(
        `INSERT INTO "MetricRollup" (seriesId, res, ts, count, sum, min, max, last, lastTs, touchedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(seriesId, res, ts) DO UPDATE SET ${upsertCols}`,
      ),
      remove: db.prepare(`DELETE FROM "MetricRollup" WHERE seriesId = ? AND res = ? AND ts = ?`),
      seriesIds: db.prepare<[], [number]>(`SELECT id FROM "MetricSeries" ORDER BY id`).raw(true),
      sweepRaw: db.prepare(`DELETE FROM "MetricSample" WHERE seriesId = ? AND ts < ? AND seq <= ?`),
      sweepRollup: db.prepare(`DELETE FROM "MetricRollup" WHERE seriesId = ? AND res = ? AND ts < ? AND touchedAt < ?`),
    };
  }

  /** True when samples were written since the last pass. */
  pending(): boolean {
    return (this.s.maxSeq.get()?.seq ?? 0) > this.cp.get(CHECKPOINT.rolledSeq);
  }

  /** One bounded pass; answers how many samples it took (0 when up to date). Synchronous: wrap it in a write retry. */
  runChunk(now: number): number {
    return this.db.transaction(() => {
      const from = this.cp.get(CHECKPOINT.rolledSeq);
      const max = this.s.maxSeq.get()?.seq ?? 0;
      if (max <= from) return 0;
      const to = Math.min(max, from + CHUNK_ROWS);
      const rawHorizon = this.cp.get(CHECKPOINT.rawSweptBefore);
      const minuteHorizon = this.cp.get(CHECKPOINT.minuteSweptBefore);
      const hours: [number, number][] = [];
      const dirty = this.s.dirty.all(from, to);
      for (const [seriesId, minute] of dirty) {
        const merge = minute < rawHorizon;
        const rows = merge ? this.s.rawNewRows.all(seriesId, minute, minute + MINUTE, from, to) : this.s.rawRows.all(seriesId, minute, minute + MINUTE);
        this.write(seriesId, 60, minute, fromSamples(rows), merge, now);
        const hour = alignDown(minute, HOUR);
        const prev = hours[hours.length - 1];
        // Dirty minutes come ordered by series and time, so one series' hours are adjacent.
        if (!prev || prev[0] !== seriesId || prev[1] !== hour) hours.push([seriesId, hour]);
      }
      for (const [seriesId, hour] of hours) {
        const merge = hour < minuteHorizon;
        const b = merge ? fromSamples(this.s.rawNewRows.all(seriesId, hour, hour + HOUR, from, to)) : fromRollups(this.s.minuteRows.all(seriesId, hour, hour + HOUR));
        this.write(seriesId, 3600, hour, b, merge, now);
      }
      this.mci.recompute(this.mci.bucketsOf(dirty, minuteHorizon), now);
      this.cp.set(CHECKPOINT.rolledSeq, to);
      return to - from;
    }).immediate();
  }

  private write(seriesId: number, res: number, ts: number, fresh: Bucket | null, merge: boolean, now: number): void {
    if (!fresh) {
      if (!merge) this.s.remove.run(seriesId, res, ts);
      return;
    }
    let b = fresh;
    if (merge) {
      const old = this.s.existing.get(seriesId, res, ts);
      if (old) b = mergeBuckets(toBucket(old), b);
    }
    this.s.upsert.run(seriesId, res, ts, b.count, b.sum, b.min, b.max, b.last, b.lastTs, now);
  }

  /** The retention horizons, moved before anything is deleted so a crash part way leaves the rollups right. */
  advanceHorizons(now: number, retention: Retention): { rawCut: number; minuteCut: number; hourCut: number; seqLimit: number } {
    return this.db.transaction(() => {
      const rawCut = Math.max(this.cp.get(CHECKPOINT.rawSweptBefore), alignDown(now - retention.rawMs, MINUTE));
      const minuteCut = Math.max(this.cp.get(CHECKPOINT.minuteSweptBefore), alignDown(now - retention.minuteMs, HOUR));
      const hourCut = alignDown(now - retention.hourMs, HOUR);
      this.cp.set(CHECKPOINT.rawSweptBefore, rawCut);
      this.cp.set(CHECKPOINT.minuteSweptBefore, minuteCut);
      // Only samples already rolled up and already present at the previous sweep may go.
      const seqLimit = Math.min(this.cp.get(CHECKPOINT.sweepSeqMark), this.cp.get(CHECKPOINT.rolledSeq));
      this.cp.set(CHECKPOINT.sweepSeqMark, this.s.maxSeq.get()?.seq ?? 0);
      return { rawCut, minuteCut, hourCut, seqLimit };
    }).immediate();
  }

  seriesIds(): number[] {
    return this.s.seriesIds.all().map((r) => r[0]);
  }

  /** Deletes what is past retention for some series; answers rows deleted. */
  sweepSeries(ids: number[], cuts: { rawCut: number; minuteCut: number; hourCut: number; seqLimit: number }, now: number): number {
    return this.db.transaction(() => {
      let n = 0;
      for (const id of ids) {
        n += this.s.sweepRaw.run(id, cuts.rawCut, cuts.seqLimit).changes;
        n += this.s.sweepRollup.run(id, 60, cuts.minuteCut, now - SWEEP_GRACE_MS).changes;
        n += this.s.sweepRollup.run(id, 3600, cuts.hourCut, now - SWEEP_GRACE_MS).changes;
      }
      return n;
    }).immediate();
  }

  /** Deletes the MCIs' buckets past retention; answers rows deleted. */
  sweepMci(cuts: { minuteCut: number; hourCut: number }, now: number): number {
    return this.db.transaction(() => this.mci.sweep(cuts, now - SWEEP_GRACE_MS)).immediate();
  }
}

export { SWEEP_SERIES_PER_TX };
