import { alignDown } from "@/lib/monitoring/rollup";
import type { PoolClient } from "pg";
import type { PartitionedTable, Partitions } from "./metric-partitions";

const HOUR = 3_600_000;

export const MCI_MINUTE_ROLLUPS: PartitionedTable = { parent: "MciRollup_60", span: "day" };
export const MCI_HOUR_ROLLUPS: PartitionedTable = { parent: "MciRollup_3600", span: "month" };

type Buckets = { mci: string[]; metric: string[]; res: number[]; ts: number[] };

/**
 * The MCI buckets from their VMs' rollups at the same resolution, as combining the VMs' series
 * would answer them: per VM the agent's bucket when it has one there, else the cloud's; then the
 * VMs' averages added and counted, their minimums' minimum and maximums' maximum.
 */
const VALUES_SQL = `
  SELECT d.mci, d.metric, d.res, d.ts, r."sum" / r."count" AS avg, r."min", r."max"
  FROM unnest($1::text[], $2::text[], $3::int[], $4::int8[]) AS d(mci, metric, res, ts)
  JOIN "Vm" v ON v."mciId" = d.mci
  JOIN "MetricSeries" s ON s."vmId" = v."id" AND s."metric" = d.metric
  JOIN "MetricRollup" r ON r."seriesId" = s."id" AND r."res" = d.res AND r."ts" = d.ts
  WHERE s."source" = 'agent' OR NOT EXISTS (
    SELECT 1 FROM "MetricSeries" a JOIN "MetricRollup" ar ON ar."seriesId" = a."id" AND ar."res" = d.res AND ar."ts" = d.ts
    WHERE a."vmId" = v."id" AND a."metric" = d.metric AND a."source" = 'agent')`;

/** Per-MCI rollups on PostgreSQL, kept by the rollup pass in its own transaction (see metric-rollups-postgres.ts). */
export const postgresMciRollups = {
  /**
   * Recomputes the MCI buckets over the series' minutes a pass took (and their hours). Minutes
   * below the minute horizon are left alone: some VMs' minute rollups there may be swept already.
   * Answers the bucket times written, by table, for the partitions' touch marks.
   */
  async recompute(c: PoolClient, partitions: Partitions, d: { ids: number[]; ts: number[] }, minuteHorizon: number, now: number): Promise<{ minutes: number[]; hours: number[] }> {
    const touched = { minutes: [] as number[], hours: [] as number[] };
    if (!d.ids.length) return touched;
    const { rows } = await c.query<{ mciId: string; metric: string; minute: number }>(
      `SELECT DISTINCT v."mciId", s."metric", d.m AS "minute" FROM unnest($1::int[], $2::int8[]) AS d(sid, m) JOIN "MetricSeries" s ON s."id" = d.sid JOIN "Vm" v ON v."id" = s."vmId"`,
      [d.ids, d.ts],
    );
    const keys = new Map<string, [string, string, number, number]>();
    for (const r of rows) {
      if (r.minute >= minuteHorizon) keys.set(`${r.mciId}\u0000${r.metric}\u000060\u0000${r.minute}`, [r.mciId, r.metric, 60, r.minute]);
      const hour = alignDown(r.minute, HOUR);
      keys.set(`${r.mciId}\u0000${r.metric}\u00003600\u0000${hour}`, [r.mciId, r.metric, 3600, hour]);
    }
    if (!keys.size) return touched;
    const b: Buckets = { mci: [], metric: [], res: [], ts: [] };
    for (const [mci, metric, res, ts] of [...keys.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map((e) => e[1])) {
      b.mci.push(mci);
      b.metric.push(metric);
      b.res.push(res);
      b.ts.push(ts);
      (res === 60 ? touched.minutes : touched.hours).push(ts);
    }
    await partitions.ensure(MCI_MINUTE_ROLLUPS, touched.minutes, c);
    await partitions.ensure(MCI_HOUR_ROLLUPS, touched.hours, c);
    const written = await c.query<{ mciId: string; metric: string; res: number; ts: number }>(
      `INSERT INTO "MciRollup" ("mciId", "metric", "res", "ts", "sum", "count", "min", "max", "touchedAt")
       SELECT mci, metric, res, ts, sum(avg), count(*), min("min"), max("max"), $5 FROM (${VALUES_SQL}) x
       GROUP BY mci, metric, res, ts ORDER BY mci, metric, res, ts
       ON CONFLICT ("mciId", "metric", "res", "ts") DO UPDATE SET "sum" = excluded."sum", "count" = excluded."count", "min" = excluded."min", "max" = excluded."max", "touchedAt" = excluded."touchedAt"
       RETURNING "mciId", "metric", "res", "ts"`,
      [b.mci, b.metric, b.res, b.ts, now],
    );
    // A bucket none of the VMs has a value in any more has no row.
    for (const r of written.rows) keys.delete(`${r.mciId}\u0000${r.metric}\u0000${r.res}\u0000${r.ts}`);
    if (keys.size) {
      const gone = [...keys.values()];
      await c.query(
        `DELETE FROM "MciRollup" m USING unnest($1::text[], $2::text[], $3::int[], $4::int8[]) AS d(mci, metric, res, ts)
         WHERE m."mciId" = d.mci AND m."metric" = d.metric AND m."res" = d.res AND m."ts" = d.ts`,
        [gone.map((k) => k[0]), gone.map((k) => k[1]), gone.map((k) => k[2]), gone.map((k) => k[3])],
      );
    }
    return touched;
  },
};
