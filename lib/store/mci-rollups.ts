import { alignDown } from "@/lib/monitoring/rollup";
import type { SqliteDb } from "./metrics-db";

const HOUR = 3_600_000;

/** The buckets of an MCI a rollup pass touched: `mciId␀metric␀res␀ts`. */
export type MciBucketKey = string;
const SEP = "\u0000";

/**
 * One MCI bucket from its VMs' rollups at the same resolution, as combining the VMs' series would
 * answer it: per VM the agent's bucket when it has one there, else the cloud's; then the VMs'
 * averages added and counted, their minimums' minimum and maximums' maximum.
 */
const BUCKET_SQL = `
SELECT sum(r.sum / r.count) AS sum, count(*) AS count, min(r.min) AS min, max(r.max) AS max
FROM "Vm" v
JOIN "MetricSeries" s ON s.vmId = v.id AND s.metric = @metric
JOIN "MetricRollup" r ON r.seriesId = s.id AND r.res = @res AND r.ts = @ts
WHERE v.mciId = @mci AND (s.source = 'agent' OR NOT EXISTS (
  SELECT 1 FROM "MetricSeries" a JOIN "MetricRollup" ar ON ar.seriesId = a.id AND ar.res = @res AND ar.ts = @ts
  WHERE a.vmId = v.id AND a.metric = @metric AND a.source = 'agent'))`;

/** Per-MCI rollups on SQLite, kept by the rollup job in its own transaction (see metric-rollups.ts). */
export class SqliteMciRollups {
  private readonly s;

  constructor(db: SqliteDb) {
    this.s = {
      seriesOwner: db.prepare<[number], { mciId: string; metric: string }>(`SELECT v.mciId AS mciId, s.metric AS metric FROM "MetricSeries" s JOIN "Vm" v ON v.id = s.vmId WHERE s.id = ?`),
      bucket: db.prepare<[{ mci: string; metric: string; res: number; ts: number }], { sum: number | null; count: number; min: number | null; max: number | null }>(BUCKET_SQL),
      upsert: db.prepare(
        `INSERT INTO "MciRollup" (mciId, metric, res, ts, sum, count, min, max, touchedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(mciId, metric, res, ts) DO UPDATE SET sum = excluded.sum, count = excluded.count, min = excluded.min, max = excluded.max, touchedAt = excluded.touchedAt`,
      ),
      remove: db.prepare(`DELETE FROM "MciRollup" WHERE mciId = ? AND metric = ? AND res = ? AND ts = ?`),
      sweep: db.prepare(`DELETE FROM "MciRollup" WHERE res = ? AND ts < ? AND touchedAt < ?`),
    };
  }

  /**
   * The MCI buckets over the series' minutes a pass recomputed (and their hours). Minutes below the
   * minute horizon are left alone: some VMs' minute rollups there may be swept already.
   */
  bucketsOf(minutes: Iterable<[seriesId: number, minute: number]>, minuteHorizon: number): Set<MciBucketKey> {
    const owner = new Map<number, { mciId: string; metric: string } | null>();
    const out = new Set<MciBucketKey>();
    for (const [sid, minute] of minutes) {
      let o = owner.get(sid);
      if (o === undefined) owner.set(sid, (o = this.s.seriesOwner.get(sid) ?? null));
      if (!o) continue; // a VM no longer registered belongs to no MCI
      const base = o.mciId + SEP + o.metric + SEP;
      if (minute >= minuteHorizon) out.add(base + "60" + SEP + minute);
      out.add(base + "3600" + SEP + alignDown(minute, HOUR));
    }
    return out;
  }

  /** Recomputes the buckets (in the caller's transaction). */
  recompute(keys: Iterable<MciBucketKey>, now: number): void {
    for (const key of [...keys].sort()) {
      const [mci, metric, res, ts] = key.split(SEP);
      const q = { mci, metric, res: Number(res), ts: Number(ts) };
      const b = this.s.bucket.get(q);
      if (!b || !b.count) this.s.remove.run(mci, metric, q.res, q.ts);
      else this.s.upsert.run(mci, metric, q.res, q.ts, b.sum, b.count, b.min, b.max, now);
    }
  }

  /** Deletes MCI buckets past retention, sparing what was just written (as the VMs' sweep does). */
  sweep(cuts: { minuteCut: number; hourCut: number }, sparedAfter: number): number {
    return this.s.sweep.run(60, cuts.minuteCut, sparedAfter).changes + this.s.sweep.run(3600, cuts.hourCut, sparedAfter).changes;
  }
}
