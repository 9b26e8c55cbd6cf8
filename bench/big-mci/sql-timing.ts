import Database from "better-sqlite3";

/**
 * Times every statement the process runs through better-sqlite3 (prepare and run), keyed by its SQL
 * text: where the database's share of a deployment goes, for the benchmark's --sql report.
 */
export function timeStatements(): () => string {
  const spent = new Map<string, { ms: number; n: number }>();
  const add = (sql: string, ms: number) => {
    const k = sql.replace(/\s+/g, " ").replace(/(\?,? ?){4,}/g, "?…").slice(0, 160);
    const e = spent.get(k) ?? { ms: 0, n: 0 };
    e.ms += ms;
    e.n++;
    spent.set(k, e);
  };
  const proto = Database.prototype as unknown as { prepare(sql: string): Record<string, (...a: unknown[]) => unknown> };
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    const t = performance.now();
    const stmt = prepare.call(this, sql);
    add(sql, performance.now() - t);
    for (const m of ["run", "all", "get"] as const) {
      const f = stmt[m];
      if (typeof f !== "function") continue;
      stmt[m] = function (this: unknown, ...a: unknown[]) {
        const s = performance.now();
        try {
          return f.apply(this, a);
        } finally {
          add(sql, performance.now() - s);
        }
      } as never;
    }
    return stmt;
  } as never;
  return () =>
    [...spent]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 25)
      .map(([k, v]) => `${v.ms.toFixed(0).padStart(7)} ms ${String(v.n).padStart(7)}×  ${k}`)
      .join("\n");
}
