import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "@/lib/store";
import { openMetricsDb } from "@/lib/store/metricsDb";
export async function main() {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "q-")), "a.db");
  migrateDatabase(file);
  const db = openMetricsDb(file);
  const ins = db.prepare(`INSERT INTO "MetricRollup" (seriesId, res, ts, count, sum, min, max, last, lastTs, touchedAt) VALUES (?, 60, ?, 6, 300, 40, 60, 50, ?, 0)`);
  const T = 1795000000000 - (1795000000000 % 60000);
  db.transaction(() => { for (let m = 0; m < 1440; m++) for (let s = 1; s <= 1000; s++) ins.run(s, T + m * 60000, T + m * 60000 + 50000); })();
  if (process.env.COVER) db.exec(`CREATE INDEX cover ON "MetricRollup" (seriesId, res, ts, count, sum, min, max, last, lastTs)`);
  console.log(db.prepare(`EXPLAIN QUERY PLAN SELECT ts - ts % ? AS b, sum(sum) / sum(count) FROM "MetricRollup" WHERE seriesId = ? AND res = 60 AND ts >= ? AND ts < ? GROUP BY b ORDER BY b`).all(60000, 1, T, T + 86400000));
  const q = db.prepare(`SELECT ts - ts % ? AS b, sum(sum) / sum(count) FROM "MetricRollup" WHERE seriesId = ? AND res = 60 AND ts >= ? AND ts < ? GROUP BY b ORDER BY b`).raw(true);
  let t = performance.now(); let n = 0;
  for (let s = 1; s <= 1000; s++) n += q.all(60000, s, T, T + 86400000).length;
  console.log("group by", n, (performance.now() - t).toFixed(0), "ms");
  const q2 = db.prepare(`SELECT ts, sum / count FROM "MetricRollup" WHERE seriesId = ? AND res = 60 AND ts >= ? AND ts < ? ORDER BY ts`).raw(true);
  t = performance.now(); n = 0;
  for (let s = 1; s <= 1000; s++) n += q2.all(s, T, T + 86400000).length;
  console.log("plain", n, (performance.now() - t).toFixed(0), "ms");
}
