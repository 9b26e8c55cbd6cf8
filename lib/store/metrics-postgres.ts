import type { Agg } from "@/lib/core/metrics";
import { chooseLevel, foldRows, preferFirst, type Level, type Point } from "@/lib/monitoring/rollup";
import type { Pool, PoolClient } from "pg";
import { PostgresRollupJob } from "./metric-rollups-postgres";
import { isNoPartition, Partitions, SAMPLES } from "./metric-partitions";
import { METRIC_SOURCES, mciPoints, type MciReadQuery, type MciRow, type CollectedBatch, type MetricSource, type MetricStore, type ReadQuery, type Retention, type SampleInput } from "./metric-types";
import { inTransaction, openMetricsPool } from "./metrics-pg";

const SEP = "\u0000";
/** Samples per statement: arrays of this many values are three parameters, far below PostgreSQL's limit, and a few megabytes. */
const WRITE_CHUNK = 20_000;
/** A series made by another server is looked for again at most this often (one query for all of them). */
const SERIES_RELOAD_MS = 5_000;

const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));

/** The columns foldRows needs, in time order. */
const AGG_COLUMNS: Record<Agg, { raw: string; rollup: string }> = {
  avg: { raw: `"ts", "value", 1`, rollup: `"ts", "sum", "count"` },
  max: { raw: `"ts", "value"`, rollup: `"ts", "max"` },
  min: { raw: `"ts", "value"`, rollup: `"ts", "min"` },
  last: { raw: `"ts", "value"`, rollup: `"ts", "last"` },
};

const INSERT_SAMPLES = `INSERT INTO "MetricSample" ("seriesId", "ts", "value") SELECT * FROM unnest($1::int[], $2::int8[], $3::float8[])`;
const SAMPLE_CONFLICT: Record<MetricSource, string> = {
  // The agent's last write wins; the cloud's samples never overwrite an agent's or an earlier pull's.
  agent: `ON CONFLICT ("seriesId", "ts") DO UPDATE SET "value" = excluded."value"`,
  cloud: `ON CONFLICT ("seriesId", "ts") DO NOTHING`,
};
// DO UPDATE rather than DO NOTHING: it locks the mark until this write commits, so a rollup pass
// cannot take the mark and read the minute before this write's samples are visible.
const MARK_DIRTY = `INSERT INTO "MetricDirty" ("seriesId", "minute") SELECT DISTINCT s, t - t % 60000 FROM unnest($1::int[], $2::int8[]) AS u(s, t) ORDER BY 2, 1 ON CONFLICT ("minute", "seriesId") DO UPDATE SET "minute" = excluded."minute"`;

type Rows = { ids: number[]; ts: number[]; values: number[] };

/**
 * The agent's samples with one (series, time) twice keep the last: one statement cannot update a
 * row twice. Samples of a series usually come in time order, so that is checked first.
 */
function lastWins(r: Rows): Rows {
  const prev = new Map<number, number>();
  let ordered = true;
  for (let i = 0; i < r.ids.length && ordered; i++) {
    const p = prev.get(r.ids[i]);
    if (p !== undefined && p >= r.ts[i]) ordered = false;
    prev.set(r.ids[i], r.ts[i]);
  }
  if (ordered) return r;
  const at = new Map<string, number>();
  r.ids.forEach((id, i) => at.set(`${id}:${r.ts[i]}`, i));
  const keep = [...at.values()].sort((a, b) => a - b);
  return { ids: keep.map((i) => r.ids[i]), ts: keep.map((i) => r.ts[i]), values: keep.map((i) => r.values[i]) };
}

/**
 * Samples and their rollups on PostgreSQL, in tables partitioned by time (see the `timeseries`
 * migration). Any number of servers may write at once: every write is an upsert, series ids are
 * made with ON CONFLICT, and the ids cached here are looked up again when missing.
 */
export class PostgresMetricStore implements MetricStore {
  private readonly pool: Pool;
  private readonly partitions: Partitions;
  private readonly series = new Map<string, number>();
  private seriesLoadedAt = -Infinity;
  readonly rollups: PostgresRollupJob;

  constructor(url: string) {
    this.pool = openMetricsPool(url);
    // An idle connection's error (the server restarted) must not end the process; the next query reconnects.
    this.pool.on("error", () => {});
    this.partitions = new Partitions(this.pool);
    this.rollups = new PostgresRollupJob(this.pool, this.partitions);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async loadSeries(): Promise<void> {
    const { rows } = await this.pool.query<{ id: number; vmId: string; metric: string; source: string }>(`SELECT "id", "vmId", "metric", "source" FROM "MetricSeries"`);
    for (const r of rows) this.series.set(r.vmId + SEP + r.metric + SEP + r.source, r.id);
    this.seriesLoadedAt = Date.now();
  }

  async seriesId(vmId: string, metric: string, source: MetricSource): Promise<number | undefined> {
    const key = vmId + SEP + metric + SEP + source;
    const id = this.series.get(key);
    if (id !== undefined || Date.now() - this.seriesLoadedAt < SERIES_RELOAD_MS) return id;
    await this.loadSeries();
    return this.series.get(key);
  }

  /** Series ids for `vmId␀metric` keys, making the missing ones (another server may make the same at once). */
  private async ensureSeries(keys: Iterable<string>, source: MetricSource): Promise<void> {
    const missing = [...new Set(keys)].filter((k) => !this.series.has(k + SEP + source));
    if (!missing.length) return;
    const vms = missing.map((k) => k.split(SEP)[0]);
    const metrics = missing.map((k) => k.split(SEP)[1]);
    await this.pool.query(`INSERT INTO "MetricSeries" ("vmId", "metric", "source") SELECT v, m, $3 FROM unnest($1::text[], $2::text[]) AS u(v, m) ORDER BY 1, 2 ON CONFLICT DO NOTHING`, [vms, metrics, source]);
    const { rows } = await this.pool.query<{ id: number; vmId: string; metric: string }>(
      `SELECT s."id", s."vmId", s."metric" FROM "MetricSeries" s JOIN unnest($1::text[], $2::text[]) AS u(v, m) ON s."vmId" = u.v AND s."metric" = u.m WHERE s."source" = $3`,
      [vms, metrics, source],
    );
    for (const r of rows) this.series.set(r.vmId + SEP + r.metric + SEP + source, r.id);
  }

  private idOf(vmId: string, metric: string, source: MetricSource): number {
    return this.series.get(vmId + SEP + metric + SEP + source)!;
  }

  /** Runs a write in a transaction; when a sweep dropped a partition it needs meanwhile, makes it again and retries. */
  private async writeTx<T>(times: number[], work: (c: PoolClient) => Promise<T>): Promise<T> {
    await this.partitions.ensure(SAMPLES, times);
    try {
      return await inTransaction(this.pool, work);
    } catch (e) {
      if (!isNoPartition(e)) throw e;
      this.partitions.forget();
      await this.partitions.ensure(SAMPLES, times);
      return inTransaction(this.pool, work);
    }
  }

  private async insert(c: PoolClient, r: Rows, source: MetricSource): Promise<void> {
    await c.query(`${INSERT_SAMPLES} ${SAMPLE_CONFLICT[source]}`, [r.ids, r.ts, r.values]);
    await c.query(MARK_DIRTY, [r.ids, r.ts]);
  }

  async write(samples: readonly SampleInput[], source: MetricSource = "agent"): Promise<number> {
    for (let start = 0; start < samples.length; start += WRITE_CHUNK) {
      const part = samples.slice(start, start + WRITE_CHUNK);
      await this.ensureSeries(
        part.map((s) => s.vmId + SEP + s.metric),
        source,
      );
      let rows: Rows = { ids: part.map((s) => this.idOf(s.vmId, s.metric, source)), ts: part.map((s) => s.ts), values: part.map((s) => s.value) };
      if (source === "agent") rows = lastWins(rows);
      await this.writeTx(rows.ts, (c) => this.insert(c, rows, source));
    }
    return samples.length;
  }

  async writeCollected(batches: readonly CollectedBatch[]): Promise<number> {
    await this.ensureSeries(
      batches.flatMap((b) => b.samples.map((s) => b.vmId + SEP + s.metric)),
      "cloud",
    );
    const rows: Rows = { ids: [], ts: [], values: [] };
    const cursors = new Map<string, number>();
    for (const b of batches) {
      for (const s of b.samples) {
        rows.ids.push(this.idOf(b.vmId, s.metric, "cloud"));
        rows.ts.push(s.ts);
        rows.values.push(s.value);
      }
      cursors.set(b.vmId, b.until);
    }
    const vmIds = [...cursors.keys()].sort();
    await this.writeTx(rows.ts, async (c) => {
      if (rows.ids.length) await this.insert(c, rows, "cloud");
      if (vmIds.length) {
        await c.query(`INSERT INTO "MetricCursor" ("vmId", "until") SELECT * FROM unnest($1::text[], $2::int8[]) ON CONFLICT ("vmId") DO UPDATE SET "until" = excluded."until"`, [
          vmIds,
          vmIds.map((id) => cursors.get(id)!),
        ]);
      }
    });
    return rows.ids.length;
  }

  async cursors(): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ vmId: string; until: number }>(`SELECT "vmId", "until" FROM "MetricCursor"`);
    return new Map(rows.map((r) => [r.vmId, r.until]));
  }

  async dropCursors(vmIds: readonly string[]): Promise<void> {
    if (vmIds.length) await this.pool.query(`DELETE FROM "MetricCursor" WHERE "vmId" = ANY($1::text[])`, [[...vmIds]]);
  }

  /** One pass at a time per server: the chart requests that ask at once then hold one connection between them, not one each. */
  flushRollups(now: number): Promise<number> {
    const run = this.flushing.then(() => this.flushNow(now));
    this.flushing = run.catch(() => {});
    return run;
  }

  private flushing: Promise<unknown> = Promise.resolve();

  private async flushNow(now: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.rollups.runChunk(now);
      if (!n) return total;
      total += n;
      await yieldToEventLoop();
    }
  }

  private async readSeries(seriesId: number, q: Omit<ReadQuery, "source" | "now">): Promise<Point[]> {
    const level: Level = chooseLevel(q.stepMs / 1000);
    const text =
      level === "raw"
        ? `SELECT ${AGG_COLUMNS[q.agg].raw} FROM "MetricSample" WHERE "seriesId" = $1 AND "ts" >= $2 AND "ts" < $3 ORDER BY "ts"`
        : `SELECT ${AGG_COLUMNS[q.agg].rollup} FROM "MetricRollup" WHERE "seriesId" = $1 AND "res" = ${level} AND "ts" >= $2 AND "ts" < $3 ORDER BY "ts"`;
    const { rows } = await this.pool.query<number[]>({ name: `read-${level}-${q.agg}`, text, values: [seriesId, q.fromMs, q.toMs], rowMode: "array" });
    return foldRows(rows, q.stepMs, q.agg);
  }

  async read(vmId: string, metric: string, q: ReadQuery): Promise<Point[]> {
    await this.prepareRead(q);
    return this.readNow(vmId, metric, q);
  }

  async prepareRead(q: Pick<ReadQuery, "stepMs" | "now">): Promise<void> {
    if (chooseLevel(q.stepMs / 1000) !== "raw" && (await this.rollups.pending())) await this.flushRollups(q.now);
  }

  async readMci(mciId: string, metric: string, q: MciReadQuery): Promise<Point[]> {
    const { rows } = await this.pool.query<MciRow>({
      name: "read-mci",
      text: `SELECT "ts", "sum", "count", "min", "max" FROM "MciRollup" WHERE "mciId" = $1 AND "metric" = $2 AND "res" = $3 AND "ts" >= $4 AND "ts" < $5 ORDER BY "ts"`,
      values: [mciId, metric, q.res, q.fromMs, q.toMs],
      rowMode: "array",
    });
    return mciPoints(rows, q.combine);
  }

  async readNow(vmId: string, metric: string, q: ReadQuery): Promise<Point[]> {
    const agent = q.source !== "cloud" ? await this.seriesId(vmId, metric, "agent") : undefined;
    const cloud = q.source !== "agent" ? await this.seriesId(vmId, metric, "cloud") : undefined;
    const [a, c] = await Promise.all([agent === undefined ? [] : this.readSeries(agent, q), cloud === undefined ? [] : this.readSeries(cloud, q)]);
    return preferFirst(a, c);
  }

  async windowValue(vmId: string, metric: string, fromMs: number, toMs: number, agg: Agg): Promise<number | null> {
    for (const source of METRIC_SOURCES) {
      const sid = await this.seriesId(vmId, metric, source);
      if (sid === undefined) continue;
      const { rows } = await this.pool.query<{ count: number; avg: number; max: number; min: number; last: number }>({
        name: "window",
        text: `SELECT count(*)::int AS "count", avg("value") AS "avg", max("value") AS "max", min("value") AS "min",
                 (SELECT "value" FROM "MetricSample" WHERE "seriesId" = $1 AND "ts" >= $2 AND "ts" < $3 ORDER BY "ts" DESC LIMIT 1) AS "last"
               FROM "MetricSample" WHERE "seriesId" = $1 AND "ts" >= $2 AND "ts" < $3`,
        values: [sid, fromMs, toMs],
      });
      if (rows[0] && rows[0].count > 0) return rows[0][agg];
    }
    return null;
  }

  async latestValues(metric: string, sinceMs: number): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ vmId: string; source: string; value: number | null }>(
      `SELECT s."vmId", s."source", (SELECT x."value" FROM "MetricSample" x WHERE x."seriesId" = s."id" AND x."ts" >= $1 ORDER BY x."ts" DESC LIMIT 1) AS "value" FROM "MetricSeries" s WHERE s."metric" = $2`,
      [sinceMs, metric],
    );
    const out = new Map<string, number>();
    for (const r of rows) {
      if (r.value === null) continue;
      if (r.source === "agent" || !out.has(r.vmId)) out.set(r.vmId, r.value);
    }
    return out;
  }

  async sweep(now: number, retention: Retention): Promise<number> {
    await this.flushRollups(now);
    return this.rollups.sweep(now, retention);
  }

  async counts(): Promise<{ series: number; samples: number; rollups: number }> {
    const { rows } = await this.pool.query<{ series: number; samples: number; rollups: number }>(
      `SELECT (SELECT count(*) FROM "MetricSeries") AS "series", (SELECT count(*) FROM "MetricSample") AS "samples", (SELECT count(*) FROM "MetricRollup") AS "rollups"`,
    );
    return rows[0];
  }
}
