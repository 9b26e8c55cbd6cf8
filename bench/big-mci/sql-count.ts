import Database from "better-sqlite3";

export interface StatementCounts {
  reads: number;
  writes: number;
  /** Explicit transactions (BEGIN) plus writes that ran on their own, each its own commit. */
  commits: number;
}

/**
 * Counts the statements the process runs through better-sqlite3 and the commits they cost: a
 * write outside BEGIN … COMMIT commits on its own, which is what the reconciler's steps did per
 * VM. The figures are per process, so the benchmark reads them before and after a deployment.
 */
export function countStatements(): () => StatementCounts {
  const counts: StatementCounts = { reads: 0, writes: 0, commits: 0 };
  let inTransaction = false;
  const proto = Database.prototype as unknown as { prepare(sql: string): Record<string, (...a: unknown[]) => unknown> };
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    const stmt = prepare.call(this, sql);
    const verb = sql.trimStart().slice(0, 8).toUpperCase();
    for (const m of ["run", "all", "get"] as const) {
      const f = stmt[m];
      if (typeof f !== "function") continue;
      stmt[m] = function (this: unknown, ...a: unknown[]) {
        if (verb.startsWith("BEGIN")) {
          inTransaction = true;
          counts.commits++;
        } else if (verb.startsWith("COMMIT") || verb.startsWith("ROLLBACK")) {
          inTransaction = false;
        } else if (/^(INSERT|UPDATE|DELETE)/.test(verb)) {
          counts.writes++;
          if (!inTransaction) counts.commits++;
        } else {
          counts.reads++;
        }
        return f.apply(this, a);
      } as never;
    }
    return stmt;
  } as never;
  return () => ({ ...counts });
}
