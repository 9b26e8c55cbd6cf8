import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { METRIC_NAMES } from "@/lib/core/metrics";
import { queryMetrics } from "@/lib/monitoring/query";
import { migrateDatabase, MetricStore, openDb, stores } from "@/lib/store";
import { migratePostgres } from "@/lib/store/migrate-postgres.mjs";
import { startPostgresCluster } from "@/lib/store/postgres-cluster.mjs";
import type { SampleInput } from "@/lib/store/metrics";
import { metricsQuerySchema } from "@/lib/validation/monitoring";
import { seedVms, vmId } from "./seed";

type Args = Record<string, string>;
type Db = { label: string; url: string; drop: () => Promise<void> };

const MINUTE = 60_000;
const HOUR = 3_600_000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const value = (v: number, m: number, t: number) => Math.round((50 + 40 * Math.sin(v * 0.7 + m + t / 37)) * 100) / 100;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const r = await work();
  return [r, performance.now() - start];
}

/** A fresh SQLite file; or a fresh database on the PostgreSQL server of DATABASE_URL, else on a throw-away cluster. */
async function openDatabase(kind: string, dir: string): Promise<Db> {
  if (kind === "sqlite") {
    const file = path.join(dir, "metrics.db");
    migrateDatabase(file);
    return { label: "SQLite", url: file, drop: async () => rmSync(file, { force: true }) };
  }
  if (kind !== "postgresql") throw new Error(`--db takes sqlite and postgresql, not ${kind}`);
  const given = process.env.DATABASE_URL?.match(/^postgres(ql)?:\/\//) ? process.env.DATABASE_URL : null;
  const cluster = given ? null : await startPostgresCluster();
  const admin = given ?? cluster!.url;
  const name = `barista_bench_${randomBytes(4).toString("hex")}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  return {
    label: given ? "PostgreSQL (DATABASE_URL's server)" : "PostgreSQL (a throw-away cluster)",
    url: url.toString(),
    drop: async () => {
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cluster?.stop();
    },
  };
}

interface Figures {
  fill: { samples: number; ms: number };
  write: { samples: number; ms: number };
  rollupTickMs: number[];
  chart: [string, number, number][];
}

async function measure(url: string, vms: number, hours: number, intervalS: number, ticks: number): Promise<Figures> {
  const mciId = await seedVms(url, vms);
  const prisma = openDb(url);
  const store = MetricStore.open(url);
  try {
    const now = Date.now();
    const chartEnd = now - (now % MINUTE);
    const chartStart = chartEnd - hours * HOUR;
    // 1. A day of CPU samples of every VM, as the collector stores them, rolled up.
    const [filled, fillMs] = await timed(async () => {
      let n = 0;
      for (let t = chartStart; t < chartEnd; t += HOUR) {
        const batch: SampleInput[] = [];
        for (let ts = t; ts < t + HOUR; ts += intervalS * 1000) for (let v = 0; v < vms; v++) batch.push({ vmId: vmId(v), metric: "cpu_utilization", ts, value: value(v, 0, ts / 10_000) });
        n += await store.write(batch, "cloud");
      }
      await store.flushRollups(Date.now());
      return n;
    });
    // 2. Write throughput: every VM's seven metrics, one 10 s tick per call, as a relay sends them.
    const tick = (t: number): SampleInput[] => {
      const out: SampleInput[] = [];
      for (let v = 0; v < vms; v++) METRIC_NAMES.forEach((metric, m) => out.push({ vmId: vmId(v), metric, ts: chartEnd + t * 10_000, value: value(v, m, t) }));
      return out;
    };
    const [written, writeMs] = await timed(async () => {
      let n = 0;
      for (let t = 0; t < ticks; t++) n += await store.write(tick(t), "agent");
      return n;
    });
    await store.flushRollups(Date.now());
    // 3. The rollup job after each tick: the VMs' minutes and hours, and the MCI's.
    const rollupTickMs: number[] = [];
    for (let t = ticks; t < ticks + 12; t++) {
      await store.write(tick(t), "agent");
      rollupTickMs.push((await timed(() => store.flushRollups(Date.now())))[1]);
    }
    // 4. The 24 h charts: one VM, then the MCI combined from its rollups, then as before from every VM's series.
    const deps = { metrics: store, vms: stores(prisma).monitoredVms };
    const base = { metric: "cpu_utilization", from: String(chartStart), to: String(chartEnd), step: "60" };
    const chart: [string, number, number][] = [];
    for (const [label, params] of [
      ["one VM (vm=…)", { vm: vmId(0) }],
      ["the MCI, combine=avg (MCI rollups)", { mci: mciId, combine: "avg" }],
      ["the MCI, combine=min&agg=min (MCI rollups)", { mci: mciId, combine: "min", agg: "min" }],
      ["the MCI, combine=max&agg=max (MCI rollups)", { mci: mciId, combine: "max", agg: "max" }],
      ["the MCI, combine=avg&source=cloud (every VM's series, as before)", { mci: mciId, combine: "avg", source: "cloud" }],
    ] as const) {
      const q = metricsQuerySchema.parse({ ...base, ...params });
      const times: number[] = [];
      let points = 0;
      for (let i = 0; i < 8; i++) {
        const [answer, ms] = await timed(() => queryMetrics(deps, q, Date.now()));
        if (i > 0) times.push(ms); // the first pays for preparing statements
        points = answer.series.reduce((s, x) => s + x.points.length, 0);
      }
      chart.push([label, points, median(times)]);
    }
    return { fill: { samples: filled, ms: fillMs }, write: { samples: written, ms: writeMs }, rollupTickMs, chart };
  } finally {
    await store.close();
    await prisma.$disconnect();
  }
}

/** `--only databases`: per-MCI rollups, write throughput and rollup time per tick, on SQLite and PostgreSQL. */
export async function runOnDatabases(args: Args): Promise<void> {
  const vms = Number(args.vms ?? 1000);
  const hours = Number(args["chart-hours"] ?? 24);
  const intervalS = Number(args["chart-interval"] ?? 60);
  const ticks = Number(args.ticks ?? 30);
  const kinds = (args.db ?? "sqlite,postgresql").split(",");
  console.log(`# Metrics on SQLite and PostgreSQL — ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`${vms} VMs in one MCI; chart data: ${hours} h of CPU samples every ${intervalS} s per VM (the chart reads one-minute rollups either way); write: ${ticks} ticks of 7 metrics\n`);
  for (const kind of kinds) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "barista-metrics-db-bench-"));
    const db = await openDatabase(kind, dir);
    try {
      const f = await measure(db.url, vms, hours, intervalS, ticks);
      console.log(`## ${db.label}\n`);
      console.log(`chart data: ${fmt(f.fill.samples)} samples written and rolled up (VMs and MCI) in ${(f.fill.ms / 1000).toFixed(1)} s\n`);
      console.log(`| write and roll up | figure |\n|---|---:|`);
      console.log(`| MetricStore.write, ${fmt(vms * 7)} samples (one tick) per call | ${fmt((f.write.samples / f.write.ms) * 1000)} samples/s |`);
      console.log(`| rollup job after one tick of ${fmt(vms)} VMs (VM minutes and hours, MCI minutes and hours), median of ${f.rollupTickMs.length} | ${fmt(median(f.rollupTickMs))} ms (max ${fmt(Math.max(...f.rollupTickMs))} ms) |\n`);
      console.log(`| ${hours} h chart, step 60 s, in process (queryMetrics) | points | median time |\n|---|---:|---:|`);
      for (const [label, points, ms] of f.chart) console.log(`| ${label} | ${fmt(points)} | ${ms.toFixed(1)} ms |`);
      const one = f.chart[0][2];
      const mci = Math.max(f.chart[1][2], f.chart[2][2], f.chart[3][2]);
      console.log(`\nslowest MCI chart ÷ one VM's chart: **${(mci / one).toFixed(2)}** (goal ≤ 3); the VMs' series combined ÷ one VM's: ${(f.chart[4][2] / one).toFixed(0)}\n`);
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
