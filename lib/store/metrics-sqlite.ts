import type { Agg } from "@/lib/core/metrics";
import { chooseLevel, foldRows, preferFirst, type Level, type Point } from "@/lib/monitoring/rollup";
import { GroupCommit } from "./group-commit";
import { RollupJob, SWEEP_SERIES_PER_TX } from "./metric-rollups";
import { METRIC_SOURCES, mciPoints, type MciReadQuery, type MciRow, type CollectedBatch, type MetricSource, type MetricStore, type ReadQuery, type Retention, type SampleInput } from "./metric-types";
import { openMetricsDb, withWriteRetry, type SqliteDb } from "./metrics-db";

type WritePart = { samples: readonly SampleInput[]; start: number; end: number; source: MetricSource };
type ReadStatement = { all(seriesId: number, fromMs: number, toMs: number): unknown[] };

/** A series made by another connection is looked for again at most this often (one query for all of them). */
const SERIES_RELOAD_MS = 5_000;
/** Samples per write transaction at most: large enough to amortize the commit, small enough not to stall the server (about 0.3 s). */
const WRITE_CHUNK = 50_000;
const SEP = "\u0000";

const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));

/** The columns foldRows needs, in time order (rollup rows of a series are in lastTs order too). */
const AGG_COLUMNS: Record<Agg, { raw: string; rollup: string }> = {
  avg: { raw: "ts, value, 1", rollup: "ts, sum, count" },
  max: { raw: "ts, value", rollup: "ts, max" },
  min: { raw: "ts, value", rollup: "ts, min" },
  last: { raw: "ts, value", rollup: "ts, last" },
};

/**
 * Samples and their rollups. Writes are prepared statements in transactions on a connection of
 * their own (see metrics-db.ts); every series (VM × metric × source) gets a small integer id so a
 * sample row is three numbers.
 */
export class SqliteMetricStore implements MetricStore {
  private readonly series = new Map<string, number>();
  private seriesLoadedAt = -Infinity;
  private statements: ReturnType<SqliteMetricStore["prepare"]> | null = null;
  private job: RollupJob | null = null;
  private readonly reads = new Map<string, ReadStatement>();
  private mciRead: { all(mciId: string, metric: string, res: number, fromMs: number, toMs: number): MciRow[] } | null = null;

  constructor(readonly db: SqliteDb) {}

  static open(file: string): SqliteMetricStore {
    return new SqliteMetricStore(openMetricsDb(file));
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Prepared on first use: the server opens the store before its migrations have run. */
  private prepare() {
    const db = this.db;
    return {
      insertAgent: db.prepare(`INSERT OR REPLACE INTO "MetricSample" (seriesId, ts, value) VALUES (?, ?, ?)`),
      // The cloud's samples never overwrite an agent's or an earlier pull's.
      insertCloud: db.prepare(`INSERT OR IGNORE INTO "MetricSample" (seriesId, ts, value) VALUES (?, ?, ?)`),
      addSeries: db.prepare(`INSERT INTO "MetricSeries" (vmId, metric, source) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`),
      seriesId: db.prepare<[string, string, string], { id: number }>(`SELECT id FROM "MetricSeries" WHERE vmId = ? AND metric = ? AND source = ?`),
      allSeries: db.prepare<[], { id: number; vmId: string; metric: string; source: string }>(`SELECT id, vmId, metric, source FROM "MetricSeries"`),
      setCursor: db.prepare(`INSERT INTO "MetricCursor" (vmId, until) VALUES (?, ?) ON CONFLICT(vmId) DO UPDATE SET until = excluded.until`),
      cursors: db.prepare<[], [string, number]>(`SELECT vmId, until FROM "MetricCursor"`).raw(true),
      dropCursor: db.prepare(`DELETE FROM "MetricCursor" WHERE vmId = ?`),
      window: db.prepare<[{ sid: number; from: number; to: number }], { count: number; avg: number; max: number; min: number; last: number }>(
        `SELECT count(*) AS count, avg(value) AS avg, max(value) AS max, min(value) AS min, (SELECT value FROM "MetricSample" WHERE seriesId = @sid AND ts >= @from AND ts < @to ORDER BY ts DESC LIMIT 1) AS last FROM "MetricSample" WHERE seriesId = @sid AND ts >= @from AND ts < @to`,
      ),
    };
  }

  private get st() {
    if (!this.statements) {
      this.statements = this.prepare();
      this.loadSeries();
    }
    return this.statements;
  }

  private loadSeries(): void {
    for (const r of this.statements!.allSeries.all()) this.series.set(r.vmId + SEP + r.metric + SEP + r.source, r.id);
    this.seriesLoadedAt = Date.now();
  }

  get rollups(): RollupJob {
    this.job ??= new RollupJob(this.db);
    return this.job;
  }

  async seriesId(vmId: string, metric: string, source: MetricSource): Promise<number | undefined> {
    return this.seriesIdNow(vmId, metric, source);
  }

  /** From the cache; a miss reloads it (at most every few seconds) in case another connection made the series. */
  private seriesIdNow(vmId: string, metric: string, source: MetricSource): number | undefined {
    void this.st; // loads the series ids on first use
    const key = vmId + SEP + metric + SEP + source;
    const id = this.series.get(key);
    if (id !== undefined || Date.now() - this.seriesLoadedAt < SERIES_RELOAD_MS) return id;
    this.loadSeries();
    return this.series.get(key);
  }

  /** Series ids for keys, making the missing ones (in a transaction of their own, so the cache only holds committed ids). */
  private async ensureSeries(keys: Iterable<string>, source: MetricSource): Promise<void> {
    const st = this.st;
    const missing = [...new Set(keys)].filter((k) => !this.series.has(k + SEP + source));
    if (!missing.length) return;
    const made = await withWriteRetry(() =>
      this.db.transaction(() =>
        missing.map((k) => {
          const [vmId, metric] = k.split(SEP);
          st.addSeries.run(vmId, metric, source);
          return [k + SEP + source, st.seriesId.get(vmId, metric, source)!.id] as const;
        }),
      ).immediate(),
    );
    for (const [key, id] of made) this.series.set(key, id);
  }

  /** Concurrent calls share transactions (group commit); a large call is split into transactions of WRITE_CHUNK samples. */
  async write(samples: readonly SampleInput[], source: MetricSource = "agent"): Promise<number> {
    if (!samples.length) return 0;
    const parts: Promise<void>[] = [];
    for (let start = 0; start < samples.length; start += WRITE_CHUNK) {
      const end = Math.min(samples.length, start + WRITE_CHUNK);
      parts.push(this.writes.add({ samples, start, end, source }, end - start));
    }
    await Promise.all(parts);
    return samples.length;
  }

  private readonly writes = new GroupCommit<WritePart>(async (parts) => {
    for (const source of METRIC_SOURCES) {
      const keys: string[] = [];
      for (const p of parts) if (p.source === source) for (let i = p.start; i < p.end; i++) keys.push(p.samples[i].vmId + SEP + p.samples[i].metric);
      if (keys.length) await this.ensureSeries(keys, source);
    }
    const st = this.st;
    await withWriteRetry(() =>
      this.db.transaction(() => {
        for (const p of parts) {
          const insert = p.source === "agent" ? st.insertAgent : st.insertCloud;
          const suffix = SEP + p.source;
          let lastKey = "";
          let lastId = 0;
          for (let j = p.start; j < p.end; j++) {
            const s = p.samples[j];
            const key = s.vmId + SEP + s.metric + suffix;
            if (key !== lastKey) {
              lastKey = key;
              lastId = this.series.get(key)!;
            }
            insert.run(lastId, s.ts, s.value);
          }
        }
      }).immediate(),
    );
  }, WRITE_CHUNK);

  async writeCollected(batches: readonly CollectedBatch[]): Promise<number> {
    const st = this.st;
    await this.ensureSeries(
      batches.flatMap((b) => b.samples.map((s) => b.vmId + SEP + s.metric)),
      "cloud",
    );
    return withWriteRetry(() =>
      this.db.transaction(() => {
        let n = 0;
        for (const b of batches) {
          for (const s of b.samples) {
            st.insertCloud.run(this.series.get(b.vmId + SEP + s.metric + SEP + "cloud")!, s.ts, s.value);
            n++;
          }
          st.setCursor.run(b.vmId, b.until);
        }
        return n;
      }).immediate(),
    );
  }

  async cursors(): Promise<Map<string, number>> {
    return new Map(this.st.cursors.all());
  }

  async dropCursors(vmIds: readonly string[]): Promise<void> {
    if (!vmIds.length) return;
    const st = this.st;
    await withWriteRetry(() => this.db.transaction(() => vmIds.forEach((id) => st.dropCursor.run(id))).immediate());
  }

  /** Brings the rollups up to date with every sample written so far. */
  async flushRollups(now: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await withWriteRetry(() => this.rollups.runChunk(now));
      if (!n) return total;
      total += n;
      await yieldToEventLoop();
    }
  }

  private readStatement(level: Level, agg: Agg) {
    const key = `${level}:${agg}`;
    let stmt = this.reads.get(key);
    if (!stmt) {
      // Bucketing happens in foldRows: grouping in SQL would sort every answer in a temporary b-tree.
      const sql =
        level === "raw"
          ? `SELECT ${AGG_COLUMNS[agg].raw} FROM "MetricSample" WHERE seriesId = ? AND ts >= ? AND ts < ? ORDER BY ts`
          : `SELECT ${AGG_COLUMNS[agg].rollup} FROM "MetricRollup" WHERE seriesId = ? AND res = ${level} AND ts >= ? AND ts < ? ORDER BY ts`;
      stmt = this.db.prepare<[number, number, number]>(sql).raw(true);
      this.reads.set(key, stmt);
    }
    return stmt;
  }

  /** One series' buckets from the coarsest stored level that tiles the step. */
  readSeries(seriesId: number, q: Omit<ReadQuery, "source" | "now">): Point[] {
    const level = chooseLevel(q.stepMs / 1000);
    return foldRows(this.readStatement(level, q.agg).all(seriesId, q.fromMs, q.toMs) as number[][], q.stepMs, q.agg);
  }

  async read(vmId: string, metric: string, q: ReadQuery): Promise<Point[]> {
    await this.prepareRead(q);
    return this.readNow(vmId, metric, q);
  }

  async prepareRead(q: Pick<ReadQuery, "stepMs" | "now">): Promise<void> {
    if (chooseLevel(q.stepMs / 1000) !== "raw" && this.rollups.pending()) await this.flushRollups(q.now);
  }

  async readMci(mciId: string, metric: string, q: MciReadQuery): Promise<Point[]> {
    this.mciRead ??= this.db.prepare<[string, string, number, number, number], MciRow>(
      `SELECT ts, sum, count, min, max FROM "MciRollup" WHERE mciId = ? AND metric = ? AND res = ? AND ts >= ? AND ts < ? ORDER BY ts`,
    ).raw(true);
    return mciPoints(this.mciRead.all(mciId, metric, q.res, q.fromMs, q.toMs), q.combine);
  }

  async readNow(vmId: string, metric: string, q: ReadQuery): Promise<Point[]> {
    const agent = q.source !== "cloud" ? this.seriesIdNow(vmId, metric, "agent") : undefined;
    const cloud = q.source !== "agent" ? this.seriesIdNow(vmId, metric, "cloud") : undefined;
    const a = agent === undefined ? [] : this.readSeries(agent, q);
    const c = cloud === undefined ? [] : this.readSeries(cloud, q);
    return preferFirst(a, c);
  }

  async windowValue(vmId: string, metric: string, fromMs: number, toMs: number, agg: Agg): Promise<number | null> {
    for (const source of METRIC_SOURCES) {
      const sid = this.seriesIdNow(vmId, metric, source);
      if (sid === undefined) continue;
      const row = this.st.window.get({ sid, from: fromMs, to: toMs });
      if (row && row.count > 0) return row[agg];
    }
    return null;
  }

  /**
   * Every VM's newest sample of a metric at or after `sinceMs` (the agent's when it sent one, else
   * the cloud's), in one statement: a seek per series on (seriesId, ts), not a query per VM.
   */
  async latestValues(metric: string, sinceMs: number): Promise<Map<string, number>> {
    const rows = this.db
      .prepare<[number, string], { vmId: string; source: string; value: number | null }>(
        `SELECT s.vmId AS vmId, s.source AS source, (SELECT value FROM "MetricSample" WHERE seriesId = s.id AND ts >= ? ORDER BY ts DESC LIMIT 1) AS value FROM "MetricSeries" s WHERE s.metric = ?`,
      )
      .all(sinceMs, metric);
    const out = new Map<string, number>();
    for (const r of rows) {
      if (r.value === null) continue;
      if (r.source === "agent" || !out.has(r.vmId)) out.set(r.vmId, r.value);
    }
    return out;
  }

  /** Deletes what is past retention, a few hundred series per transaction; answers rows deleted. */
  async sweep(now: number, retention: Retention): Promise<number> {
    await this.flushRollups(now);
    const cuts = await withWriteRetry(() => this.rollups.advanceHorizons(now, retention));
    const ids = this.rollups.seriesIds();
    let deleted = 0;
    for (let i = 0; i < ids.length; i += SWEEP_SERIES_PER_TX) {
      const chunk = ids.slice(i, i + SWEEP_SERIES_PER_TX);
      deleted += await withWriteRetry(() => this.rollups.sweepSeries(chunk, cuts, now));
      await yieldToEventLoop();
    }
    return deleted + (await withWriteRetry(() => this.rollups.sweepMci(cuts, now)));
  }

  async counts(): Promise<{ series: number; samples: number; rollups: number }> {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return { series: one(`SELECT count(*) AS n FROM "MetricSeries"`), samples: one(`SELECT count(*) AS n FROM "MetricSample"`), rollups: one(`SELECT count(*) AS n FROM "MetricRollup"`) };
  }
}
