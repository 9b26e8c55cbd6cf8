import pg, { type Pool, type PoolClient } from "pg";

const INT8 = 20;
const NUMERIC = 1700;

/**
 * The metric tables' own pool on PostgreSQL. Prisma costs about a query per row, far too slow for
 * samples: they go through array-valued statements (`unnest`) here instead. Its own type parsers,
 * so that epoch milliseconds (BIGINT) come back as numbers without changing pg's global ones,
 * which Prisma's adapter uses.
 */
export function openMetricsPool(url: string): Pool {
  const n = Number(process.env.BARISTA_METRICS_POOL ?? 4);
  return new pg.Pool({
    connectionString: url,
    max: Number.isInteger(n) && n > 0 ? n : 4,
    types: { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === INT8 || oid === NUMERIC ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
}

/** Deadlocks and serialization failures: the transaction lost a race and may simply run again. */
function isRetryable(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === "40P01" || code === "40001";
}

/** Runs `work` in a transaction, again when it loses a race with another writer. */
export async function inTransaction<T>(pool: Pool, work: (c: PoolClient) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      const r = await work(c);
      await c.query("COMMIT");
      return r;
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      if (!isRetryable(e) || attempt >= attempts) throw e;
    } finally {
      c.release();
    }
    await new Promise((r) => setTimeout(r, 5 * attempt));
  }
}

type Queryable = Pool | PoolClient;

/** The monitoring jobs' progress marks, in the MetricCheckpoint table. */
export const checkpoints = {
  async get(q: Queryable, name: string): Promise<number> {
    const { rows } = await q.query<{ value: number }>(`SELECT "value" FROM "MetricCheckpoint" WHERE "name" = $1`, [name]);
    return rows[0]?.value ?? 0;
  },
  async set(q: Queryable, name: string, value: number): Promise<void> {
    await q.query(`INSERT INTO "MetricCheckpoint" ("name", "value") VALUES ($1, $2) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value"`, [name, value]);
  },
};
