import { alignDown, mergeBuckets, type Bucket } from "@/lib/monitoring/rollup";
import type { Pool, PoolClient } from "pg";
import { CHECKPOINT } from "./metric-rollups";
import { MCI_HOUR_ROLLUPS, MCI_MINUTE_ROLLUPS, postgresMciRollups } from "./mci-rollups-postgres";
import { HOUR_ROLLUPS, MINUTE_ROLLUPS, partitionOf, SAMPLES, type PartitionedTable, type Partitions } from "./metric-partitions";
import type { Retention } from "./metric-types";
import { checkpoints, inTransaction } from "./metrics-pg";

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Dirty minutes per rollup transaction: bounds how long one pass holds its locks. */
const CHUNK_MINUTES = 20_000;
/** A sweep spares a partition of rollups written this recently, so a backfill older than the retention can be read back. */
const SWEEP_GRACE_MS = 10 * 60_000;
/** Any constant shared by every Barista server: one rollup pass at a time over the whole database. */
const ROLLUP_LOCK = 7_340_214_015;

/** The rawCut of the previous sweep: only sample partitions already past it then are dropped now. */
const RAW_MARK = "sweep.rawMark";
const touched = (partition: string) => `touched.${partition}`;

const UPSERT_SET = ["count", "sum", "min", "max", "last", "lastTs", "touchedAt"].map((c) => `"${c}" = excluded."${c}"`).join(", ");
const ROLLUP_COLUMNS = `("seriesId", "res", "ts", "count", "sum", "min", "max", "last", "lastTs", "touchedAt")`;

type Pair = { ids: number[]; ts: number[] };
const pairs = (): Pair => ({ ids: [], ts: [] });

function fromSamples(rows: { ts: number; value: number }[]): Bucket | null {
  if (!rows.length) return null;
  rows.sort((a, b) => a.ts - b.ts);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const { value } of rows) {
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const lastRow = rows[rows.length - 1];
  return { count: rows.length, sum, min, max, last: lastRow.value, lastTs: lastRow.ts };
}

/**
 * Keeps the 1-minute and 1-hour rollups up to date on PostgreSQL. Writers mark the minutes they
 * touched in "MetricDirty" in their own transaction; a pass takes the marks it can lock (a writer
 * still committing keeps its marks for the next pass) and recomputes those buckets from the finer
 * level in a few set-wide statements. Below a level's retention horizon the finer rows may be gone,
 * so there the late samples are merged into the bucket and then deleted (they are past retention).
 */
export class PostgresRollupJob {
  constructor(
    private readonly pool: Pool,
    private readonly partitions: Partitions,
  ) {}

  async pending(): Promise<boolean> {
    const { rows } = await this.pool.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "MetricDirty") AS "any"`);
    return rows[0].any;
  }

  /** One bounded pass; answers how many dirty minutes it took (0 when up to date). */
  async runChunk(now: number): Promise<number> {
    return inTransaction(this.pool, async (c) => {
      await c.query("SELECT pg_advisory_xact_lock($1)", [ROLLUP_LOCK]);
      const { rows } = await c.query<{ seriesId: number; minute: number }>(
        `DELETE FROM "MetricDirty" WHERE ("minute", "seriesId") IN (SELECT "minute", "seriesId" FROM "MetricDirty" ORDER BY 1, 2 LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING "seriesId", "minute"`,
        [CHUNK_MINUTES],
      );
      if (!rows.length) return 0;
      // In series order, as the statements below and the writers lock rows.
      rows.sort((a, b) => a.seriesId - b.seriesId || a.minute - b.minute);
      const rawHorizon = await checkpoints.get(c, CHECKPOINT.rawSweptBefore);
      const minuteHorizon = await checkpoints.get(c, CHECKPOINT.minuteSweptBefore);
      const fresh = pairs();
      const merged = pairs();
      const hours = new Map<string, [number, number]>();
      for (const { seriesId, minute } of rows) {
        const hour = alignDown(minute, HOUR);
        const into = minute < rawHorizon || hour < minuteHorizon ? merged : fresh;
        into.ids.push(seriesId);
        into.ts.push(minute);
        hours.set(`${seriesId}:${hour}`, [seriesId, hour]);
      }
      await this.partitions.ensure(MINUTE_ROLLUPS, rows.map((r) => r.minute), c);
      await this.partitions.ensure(HOUR_ROLLUPS, [...hours.values()].map((h) => h[1]), c);
      await this.freshMinutes(c, fresh, now);
      const late = await this.mergeMinutes(c, merged, now);
      const freshHours = pairs();
      for (const [sid, hour] of hours.values()) {
        if (hour >= minuteHorizon) {
          freshHours.ids.push(sid);
          freshHours.ts.push(hour);
        }
      }
      await this.freshHours(c, freshHours, now);
      for (const [key, samples] of late) {
        const [sid, hour] = key.split(":").map(Number);
        if (hour < minuteHorizon) await this.mergeInto(c, sid, 3600, hour, fromSamples(samples), now);
      }
      const mci = await postgresMciRollups.recompute(c, this.partitions, { ids: rows.map((r) => r.seriesId), ts: rows.map((r) => r.minute) }, minuteHorizon, now);
      await this.touch(c, MCI_MINUTE_ROLLUPS, mci.minutes, now);
      await this.touch(c, MCI_HOUR_ROLLUPS, mci.hours, now);
      await this.touch(c, MINUTE_ROLLUPS, rows.map((r) => r.minute), now);
      await this.touch(c, HOUR_ROLLUPS, [...hours.values()].map((h) => h[1]), now);
      return rows.length;
    });
  }

  private async freshMinutes(c: PoolClient, d: Pair, now: number): Promise<void> {
    if (!d.ids.length) return;
    await c.query(
      `INSERT INTO "MetricRollup" ${ROLLUP_COLUMNS}
       SELECT d.s, 60, d.m, count(*), sum(x."value"), min(x."value"), max(x."value"), (array_agg(x."value" ORDER BY x."ts" DESC))[1], max(x."ts"), $3
       FROM unnest($1::int[], $2::int8[]) AS d(s, m) JOIN "MetricSample" x ON x."seriesId" = d.s AND x."ts" >= d.m AND x."ts" < d.m + 60000
       GROUP BY d.s, d.m ORDER BY d.s, d.m
       ON CONFLICT ("seriesId", "res", "ts") DO UPDATE SET ${UPSERT_SET}`,
      [d.ids, d.ts, now],
    );
    // No bucket to remove: above the horizons samples are only ever added or replaced, never
    // deleted (a sweep drops only partitions past the raw horizon), so a marked minute has samples.
  }

  private async freshHours(c: PoolClient, d: Pair, now: number): Promise<void> {
    if (!d.ids.length) return;
    await c.query(
      `INSERT INTO "MetricRollup" ${ROLLUP_COLUMNS}
       SELECT d.s, 3600, d.h, sum(r."count"), sum(r."sum"), min(r."min"), max(r."max"), (array_agg(r."last" ORDER BY r."lastTs" DESC))[1], max(r."lastTs"), $3
       FROM unnest($1::int[], $2::int8[]) AS d(s, h) JOIN "MetricRollup" r ON r."seriesId" = d.s AND r."res" = 60 AND r."ts" >= d.h AND r."ts" < d.h + 3600000
       GROUP BY d.s, d.h ORDER BY d.s, d.h
       ON CONFLICT ("seriesId", "res", "ts") DO UPDATE SET ${UPSERT_SET}`,
      [d.ids, d.ts, now],
    );
    // Likewise no hour to remove: its minutes above the minute horizon are never deleted.
  }

  /** Late samples below the raw horizon: added to their minute's bucket, then deleted. Answers them by series and hour. */
  private async mergeMinutes(c: PoolClient, d: Pair, now: number): Promise<Map<string, { ts: number; value: number }[]>> {
    const byHour = new Map<string, { ts: number; value: number }[]>();
    for (let i = 0; i < d.ids.length; i++) {
      const [sid, minute] = [d.ids[i], d.ts[i]];
      const { rows } = await c.query<{ ts: number; value: number }>(`DELETE FROM "MetricSample" WHERE "seriesId" = $1 AND "ts" >= $2 AND "ts" < $3 RETURNING "ts", "value"`, [sid, minute, minute + MINUTE]);
      if (!rows.length) continue;
      await this.mergeInto(c, sid, 60, minute, fromSamples([...rows]), now);
      const key = `${sid}:${alignDown(minute, HOUR)}`;
      byHour.set(key, [...(byHour.get(key) ?? []), ...rows]);
    }
    return byHour;
  }

  private async mergeInto(c: PoolClient, sid: number, res: number, ts: number, fresh: Bucket | null, now: number): Promise<void> {
    if (!fresh) return;
    const { rows } = await c.query<Bucket>(`SELECT "count", "sum", "min", "max", "last", "lastTs" FROM "MetricRollup" WHERE "seriesId" = $1 AND "res" = $2 AND "ts" = $3`, [sid, res, ts]);
    const b = rows[0] ? mergeBuckets(rows[0], fresh) : fresh;
    await c.query(`INSERT INTO "MetricRollup" ${ROLLUP_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT ("seriesId", "res", "ts") DO UPDATE SET ${UPSERT_SET}`, [
      sid,
      res,
      ts,
      b.count,
      b.sum,
      b.min,
      b.max,
      b.last,
      b.lastTs,
      now,
    ]);
  }

  /** Marks the partitions written now, so a sweep spares them for a while. */
  private async touch(c: PoolClient, table: PartitionedTable, times: number[], now: number): Promise<void> {
    const names = new Set<string>();
    for (const t of times) names.add(partitionOf(table, t).name);
    for (const name of [...names].sort()) await checkpoints.set(c, touched(name), now);
  }

  /**
   * Retention: the horizons move first (so a crash part way leaves the rollups right), then whole
   * partitions go. Sample partitions are dropped once they were already past the cut at the
   * previous sweep (so a sample is never lost before a sweep has seen it, as on SQLite) and no
   * minute of theirs waits for the rollup job; rollup partitions once nothing in them was
   * written within the grace time. Answers about how many rows went.
   */
  async sweep(now: number, retention: Retention): Promise<number> {
    const day = 86_400_000;
    await this.partitions.ensure(SAMPLES, [now, now + day, now + 2 * day]);
    await this.partitions.ensure(MINUTE_ROLLUPS, [now, now + day, now + 2 * day]);
    await this.partitions.ensure(HOUR_ROLLUPS, [now, now + 32 * day]);
    await this.partitions.ensure(MCI_MINUTE_ROLLUPS, [now, now + day, now + 2 * day]);
    await this.partitions.ensure(MCI_HOUR_ROLLUPS, [now, now + 32 * day]);
    return inTransaction(this.pool, async (c) => {
      await c.query("SELECT pg_advisory_xact_lock($1)", [ROLLUP_LOCK]);
      const rawCut = Math.max(await checkpoints.get(c, CHECKPOINT.rawSweptBefore), alignDown(now - retention.rawMs, MINUTE));
      const minuteCut = Math.max(await checkpoints.get(c, CHECKPOINT.minuteSweptBefore), alignDown(now - retention.minuteMs, HOUR));
      const hourCut = alignDown(now - retention.hourMs, HOUR);
      const rawMark = await checkpoints.get(c, RAW_MARK);
      await checkpoints.set(c, CHECKPOINT.rawSweptBefore, rawCut);
      await checkpoints.set(c, CHECKPOINT.minuteSweptBefore, minuteCut);
      await checkpoints.set(c, RAW_MARK, rawCut);
      const drop = [];
      for (const p of await this.partitions.list(SAMPLES, c)) {
        if (p.hi > Math.min(rawMark, rawCut)) continue;
        const { rows } = await c.query(`SELECT 1 FROM "MetricDirty" WHERE "minute" >= $1 AND "minute" < $2 LIMIT 1`, [p.lo, p.hi]);
        if (!rows.length) drop.push(p);
      }
      for (const [table, cut] of [
        [MINUTE_ROLLUPS, minuteCut],
        [HOUR_ROLLUPS, hourCut],
        [MCI_MINUTE_ROLLUPS, minuteCut],
        [MCI_HOUR_ROLLUPS, hourCut],
      ] as const) {
        for (const p of await this.partitions.list(table, c)) {
          if (p.hi <= cut && (await checkpoints.get(c, touched(p.name))) < now - SWEEP_GRACE_MS) drop.push(p);
        }
      }
      const n = await this.partitions.drop(c, drop);
      if (drop.length) await c.query(`DELETE FROM "MetricCheckpoint" WHERE "name" = ANY($1::text[])`, [drop.map((p) => touched(p.name))]);
      return n;
    });
  }
}
