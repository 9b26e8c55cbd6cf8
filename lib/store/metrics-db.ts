import Database from "better-sqlite3";

export type SqliteDb = Database.Database;

/**
 * The metric tables' own connection. Prisma costs about a query per row, far too slow for
 * samples, so they go through prepared statements in transactions here instead.
 *
 * better-sqlite3 is synchronous: waiting on a lock would stall the whole server, and while it
 * stalls, the Prisma transaction holding that lock could never finish. So this connection never
 * waits (busy_timeout 0) and `withWriteRetry` retries later instead.
 */
export function openMetricsDb(file: string): SqliteDb {
  const db = new Database(file);
  db.pragma("busy_timeout = 0");
  db.pragma("journal_mode = WAL");
  // In WAL mode NORMAL can lose the last commits on power loss but never corrupts; for metrics
  // that trade is worth twice the write speed.
  db.pragma("synchronous = NORMAL");
  // Every 10-second tick touches an index page per series; checkpointing less often writes each
  // such page to the database once for many commits instead of once per few (32 MiB of WAL).
  db.pragma("wal_autocheckpoint = 8000");
  // A series index of a thousand VMs spans thousands of pages; SQLite's default 2 MiB cache would
  // reread them from the OS for every tick (64 MiB: bulk writes and rollups about 1.8× faster).
  db.pragma("cache_size = -65536");
  return db;
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

/** Runs a synchronous write, retrying on a busy database for up to `timeoutMs` without blocking. */
export async function withWriteRetry<T>(work: () => T, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (e) {
      if (!isBusy(e) || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, Math.min(100, 2 ** attempt)));
    }
  }
}

/** The monitoring jobs' progress marks, in the MetricCheckpoint table. */
export class Checkpoints {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: SqliteDb) {
    this.getStmt = db.prepare<[string], { value: number }>(`SELECT value FROM "MetricCheckpoint" WHERE name = ?`);
    this.setStmt = db.prepare(`INSERT INTO "MetricCheckpoint" (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`);
  }

  get(name: string): number {
    return this.getStmt.get(name)?.value ?? 0;
  }

  set(name: string, value: number): void {
    this.setStmt.run(name, value);
  }
}
