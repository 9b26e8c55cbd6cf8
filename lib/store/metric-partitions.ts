import type { Pool, PoolClient } from "pg";

const DAY = 86_400_000;

/** A table partitioned by range of `ts`, one partition per UTC day or month. */
export interface PartitionedTable {
  parent: "MetricSample" | "MetricRollup_60" | "MetricRollup_3600" | "MciRollup_60" | "MciRollup_3600";
  span: "day" | "month";
}

export const SAMPLES: PartitionedTable = { parent: "MetricSample", span: "day" };
export const MINUTE_ROLLUPS: PartitionedTable = { parent: "MetricRollup_60", span: "day" };
export const HOUR_ROLLUPS: PartitionedTable = { parent: "MetricRollup_3600", span: "month" };

export interface Partition {
  name: string;
  lo: number;
  hi: number;
}

/** Any constant shared by every Barista server: partitions are made under it, one server at a time. */
const PARTITION_LOCK = 7_340_214_014;

export function partitionOf(table: PartitionedTable, ts: number): Partition {
  const d = new Date(ts - (((ts % DAY) + DAY) % DAY));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const pad = (n: number) => String(n).padStart(2, "0");
  if (table.span === "month") {
    const lo = Date.UTC(y, m, 1);
    return { name: `${table.parent}_p${y}${pad(m + 1)}`, lo, hi: Date.UTC(y, m + 1, 1) };
  }
  const lo = d.getTime();
  return { name: `${table.parent}_p${y}${pad(m + 1)}${pad(d.getUTCDate())}`, lo, hi: lo + DAY };
}

/** The bounds a partition's name stands for (names are made by partitionOf only). */
export function boundsOf(table: PartitionedTable, name: string): Partition | null {
  const m = /_p(\d{4})(\d{2})(\d{2})?$/.exec(name);
  if (!m) return null;
  const ts = Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
  const p = partitionOf(table, ts);
  return p.name === name ? p : null;
}

const quoted = (name: string) => {
  // Names come from partitionOf; checked all the same, since DDL takes no parameters.
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`not a partition name: ${name}`);
  return `"${name}"`;
};

/**
 * Makes partitions before rows need them. The set of partitions known to exist is a cache: a sweep
 * on another server may drop one, and an insert into it then fails with "no partition", after
 * which the writer forgets the cache and makes it again.
 */
export class Partitions {
  private readonly known = new Set<string>();

  constructor(private readonly pool: Pool) {}

  forget(): void {
    this.known.clear();
  }

  /**
   * The partitions holding these times exist when this resolves. Given a transaction's client, makes
   * them in that transaction (a caller holding a connection must not wait for a second one: the
   * pool may have none left).
   */
  async ensure(table: PartitionedTable, times: Iterable<number>, tx?: PoolClient): Promise<void> {
    const missing = new Map<string, Partition>();
    let lastLo = NaN;
    for (const ts of times) {
      if (ts >= lastLo && ts < lastLo + DAY) continue; // most times fall in the day just seen
      const p = partitionOf(table, ts);
      lastLo = table.span === "day" ? p.lo : NaN;
      if (!this.known.has(p.name)) missing.set(p.name, p);
    }
    if (!missing.size) return;
    if (tx) {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [PARTITION_LOCK]);
      for (const p of missing.values()) {
        const { rows } = await tx.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [quoted(p.name)]);
        // One made here is known only once the caller commits; until then a second call looks again.
        if (rows[0].found) this.known.add(p.name);
        else await this.create(tx, table, p);
      }
      return;
    }
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      await c.query("SELECT pg_advisory_xact_lock($1)", [PARTITION_LOCK]);
      for (const p of missing.values()) await this.create(c, table, p);
      await c.query("COMMIT");
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      c.release();
    }
    for (const name of missing.keys()) this.known.add(name);
  }

  private async create(c: PoolClient, table: PartitionedTable, p: Partition): Promise<void> {
    await c.query(`CREATE TABLE IF NOT EXISTS ${quoted(p.name)} PARTITION OF ${quoted(table.parent)} FOR VALUES FROM (${Number(p.lo)}) TO (${Number(p.hi)})`);
  }

  async list(table: PartitionedTable, q: Pool | PoolClient = this.pool): Promise<Partition[]> {
    const { rows } = await q.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = $1`,
      [table.parent],
    );
    return rows.map((r) => boundsOf(table, r.name)).filter((p): p is Partition => p !== null).sort((a, b) => a.lo - b.lo);
  }

  /** Drops partitions (in the caller's transaction, under the partition lock); answers about how many rows they held (the planner's estimate: counting a day of samples would take seconds). */
  async drop(c: PoolClient, parts: readonly Partition[]): Promise<number> {
    if (!parts.length) return 0;
    await c.query("SELECT pg_advisory_xact_lock($1)", [PARTITION_LOCK]);
    let rows = 0;
    for (const p of parts) {
      const r = await c.query<{ n: number }>(`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE relname = $1`, [p.name]);
      rows += r.rows[0]?.n ?? 0;
      await c.query(`DROP TABLE IF EXISTS ${quoted(p.name)}`);
      this.known.delete(p.name);
    }
    return rows;
  }
}

/** PostgreSQL's error for a row whose partition does not exist (dropped by a sweep since). */
export function isNoPartition(e: unknown): boolean {
  return (e as { code?: unknown })?.code === "23514" && /no partition/i.test(String((e as Error).message));
}
