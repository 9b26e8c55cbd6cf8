import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { METRIC_NAMES } from "@/lib/core/metrics";
import { writeLineProtocol } from "@/lib/monitoring/ingest";
import { queryMetrics } from "@/lib/monitoring/query";
import { vmDirectoryOver } from "@/lib/monitoring/vm-directory";
import { migrateDatabase, MetricStore, openDb, stores } from "@/lib/store";
import { runOnDatabases } from "./databases";
import { seedVms, vmId } from "./seed";
import { openMetricsDb } from "@/lib/store/metrics-db";
import type { SampleInput } from "@/lib/store/metrics";
import { metricsQuerySchema } from "@/lib/validation/monitoring";

type Args = Record<string, string>;
const root = process.cwd();
/** The store's own transaction size, so the baseline and the store commit alike. */
const BULK_CHUNK = 50_000;

function parseArgs(argv: string[]): Args {
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith("--")) out[argv[i].slice(2)] = argv[i + 1] ?? "";
  return out;
}

function freshDb(dir: string, name: string): string {
  const file = path.join(dir, `${name}.db`);
  migrateDatabase(file);
  return file;
}

const value = (v: number, m: number, t: number) => Math.round((50 + 40 * Math.sin(v * 0.7 + m + t / 37)) * 100) / 100;
const seconds = (ms: number) => ms / 1000;
const rate = (n: number, ms: number) => Math.round(n / seconds(ms));
const fmt = (n: number) => n.toLocaleString("en-US");

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const r = await work();
  return [r, performance.now() - start];
}

/** The baseline: prepared INSERTs of the same rows into the same table, in transactions of the same size. */
function rawInsertRate(file: string, vms: number, ticks: number, t0: number, chunk: number): { n: number; ms: number } {
  const db = openMetricsDb(file);
  const addSeries = db.prepare(`INSERT INTO "MetricSeries" (id, vmId, metric, source) VALUES (?, ?, ?, 'agent')`);
  db.transaction(() => {
    for (let v = 0; v < vms; v++) METRIC_NAMES.forEach((m, j) => addSeries.run(v * 7 + j + 1, vmId(v), m));
  })();
  const rows: [number, number, number][] = [];
  for (let t = 0; t < ticks; t++) for (let v = 0; v < vms; v++) for (let m = 0; m < 7; m++) rows.push([v * 7 + m + 1, t0 + t * 10_000, value(v, m, t)]);
  const insert = db.prepare(`INSERT INTO "MetricSample" (seriesId, ts, value) VALUES (?, ?, ?)`);
  const start = performance.now();
  for (let i = 0; i < rows.length; i += chunk) {
    db.transaction(() => {
      for (let j = i; j < Math.min(rows.length, i + chunk); j++) insert.run(rows[j][0], rows[j][1], rows[j][2]);
    }).immediate();
  }
  const ms = performance.now() - start;
  db.close();
  return { n: rows.length, ms };
}

function samplesFor(vms: number, ticks: number, t0: number): SampleInput[] {
  const out: SampleInput[] = [];
  for (let t = 0; t < ticks; t++) for (let v = 0; v < vms; v++) METRIC_NAMES.forEach((metric, m) => out.push({ vmId: vmId(v), metric, ts: t0 + t * 10_000, value: value(v, m, t) }));
  return out;
}

const line = (v: number, t: number, t0: number) => `vm,vm=${vmId(v)},host=bench ${METRIC_NAMES.map((m, j) => `${m}=${value(v, j, t)}`).join(",")} ${t0 + t * 10_000}000000`;

/** Telegraf-style bodies as a relay would send them: every VM's line for `ticksPerBody` ticks, all seven metrics, nanosecond times. */
function bodiesFor(vms: number, ticks: number, t0: number, ticksPerBody: number): string[] {
  const bodies: string[] = [];
  for (let t = 0; t < ticks; t += ticksPerBody) {
    const lines: string[] = [];
    for (let k = t; k < Math.min(ticks, t + ticksPerBody); k++) for (let v = 0; v < vms; v++) lines.push(line(v, k, t0));
    bodies.push(lines.join("\n"));
  }
  return bodies;
}

/** As Telegraf on every VM sends them: one line per VM and tick, each its own request. */
function agentBodies(vms: number, ticks: number, t0: number): string[] {
  const bodies: string[] = [];
  for (let t = 0; t < ticks; t++) for (let v = 0; v < vms; v++) bodies.push(line(v, t, t0));
  return bodies;
}

/**
 * `next start` on the existing build, as the end-to-end tests' own servers do: the benchmark
 * never builds (a build of its own could collide with another one in the same directory).
 */
/** The bench's server accepts this as an admin bearer token (BARISTA_API_TOKEN). */
const BENCH_TOKEN = `bench-${randomBytes(18).toString("hex")}`;
const AUTH = { authorization: `Bearer ${BENCH_TOKEN}` };

async function startServer(file: string, port: number): Promise<{ stop: () => void }> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("no build: run `npm run build` (or `npm start` once) first");
  // Vite set NODE_ENV=development in this process; the production server must not inherit it.
  const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:${file}`, BARISTA_METRICS_COLLECT: "off", BARISTA_SIM_FAULTS: "off", BARISTA_API_TOKEN: BENCH_TOKEN };
  delete env.NODE_ENV;
  const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error("the server exited before answering");
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return { stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      stop();
      throw new Error("the server did not answer within 2 minutes");
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function postAll(base: string, bodies: string[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const res = await fetch(`${base}/api/v1/metrics/write?precision=ns`, { method: "POST", body: bodies[i], headers: { "content-type": "text/plain", ...AUTH } });
        if (res.status !== 204) throw new Error(`write ${i} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      }
    }),
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "barista-metrics-bench-"));
  try {
    const args = parseArgs(argv);
    if (args.only === "databases") await runOnDatabases(args);
    else await run(args, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(args: Args, dir: string): Promise<void> {
  const vms = Number(args.vms ?? 1000);
  const ticks = Number(args.ticks ?? 100);
  const chartHours = Number(args["chart-hours"] ?? 24);
  const port = Number(args.port ?? 3250);
  const http = args.http !== "off";
  // --only chart skips the ingest runs (the baseline still runs: the table compares against it).
  const ingest = args.only !== "chart";
  const now = Date.now();
  const t0 = now - (now % 10_000) - ticks * 10_000;
  console.log(`# Metrics benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
  console.log(`${vms} VMs × 7 metrics × ${ticks} ticks of 10 s = ${fmt(vms * 7 * ticks)} samples per ingest run; chart: ${chartHours} h of ${vms} VMs at 10 s, read at a 1-minute step\n`);

  // 1. The baseline: better-sqlite3 alone.
  const raw = rawInsertRate(freshDb(dir, "raw"), vms, ticks, t0, BULK_CHUNK);
  const perTick = rawInsertRate(freshDb(dir, "raw-tick"), vms, ticks, t0, vms * 7);
  const rows: [string, number, number][] = [
    [`raw better-sqlite3 INSERT, ${fmt(BULK_CHUNK)} rows per transaction (**the baseline**)`, raw.n, raw.ms],
    [`raw better-sqlite3 INSERT, ${fmt(vms * 7)} rows (one tick) per transaction`, perTick.n, perTick.ms],
  ];

  // 2. The store: series lookup, INSERT OR REPLACE, chunked transactions; then its rollups.
  if (ingest) {
    const store = MetricStore.open(freshDb(dir, "store"));
    const samples = samplesFor(vms, ticks, t0);
    const [, writeMs] = await timed(() => store.write(samples, "agent"));
    const [, rollMs] = await timed(() => store.flushRollups(Date.now()));
    rows.push(["MetricStore.write", samples.length, writeMs], ["MetricStore.write + rollups (1 min, 1 h)", samples.length, writeMs + rollMs]);
    await store.close();
  }

  // 3. Line protocol in process: parsing, VM lookup and the store, no HTTP.
  if (ingest) {
    const file = freshDb(dir, "lp");
    await seedVms(file, vms);
    const prisma = openDb(file);
    const store = MetricStore.open(file);
    const deps = { metrics: store, directory: vmDirectoryOver(stores(prisma).monitoredVms, { now: () => Date.now() }) };
    const bodies = bodiesFor(vms, ticks, t0, 1);
    const [n, ms] = await timed(async () => {
      let total = 0;
      for (const b of bodies) total += (await writeLineProtocol(deps, b, "ns", Date.now())).samples;
      return total;
    });
    rows.push([`line protocol parse + store in process, ${fmt(vms)} lines (one tick) per call`, n, ms]);
    await store.close();
    await prisma.$disconnect();
  }

  // 4. Over HTTP, each way on a fresh database and server, as the raw runs are.
  const chart: [string, number, number, number][] = [];
  try {
    if (!http) return;
    const scenarios: { label: string; bodies: string[]; clients: number }[] = [
      { label: `POST /api/v1/metrics/write, 1 client, ${fmt(vms)} lines (one tick) per request`, bodies: bodiesFor(vms, ticks, t0, 1), clients: 1 },
      { label: `POST /api/v1/metrics/write, 1 client, ${fmt(vms * 10)} lines (ten ticks) per request`, bodies: bodiesFor(vms, ticks, t0, 10), clients: 1 },
      { label: `POST /api/v1/metrics/write, an agent per VM: 1 line per request, 64 clients at once (${Math.min(ticks, 20)} ticks)`, bodies: agentBodies(vms, Math.min(ticks, 20), t0), clients: 64 },
    ];
    for (const sc of ingest ? scenarios : []) {
      const file = freshDb(dir, `http-${rows.length}`);
      await seedVms(file, vms);
      await withServer(file, port, async (base) => {
        // Warm-up on other times: the first requests compile the route and load the VM directory.
        await postAll(base, bodiesFor(vms, 2, t0 - 3_600_000, 1), 1);
        const [, ms] = await timed(() => postAll(base, sc.bodies, sc.clients));
        const n = sc.bodies.reduce((k, b) => k + b.split("\n").length, 0) * 7;
        rows.push([sc.label, n, ms]);
      });
    }

    // 5. The chart: a day of 10 s samples of every VM, as the collector stores them, read at a 1-minute step.
    const file = freshDb(dir, "chart");
    const mciId = await seedVms(file, vms);
    const chartEnd = now - (now % 60_000);
    const chartStart = chartEnd - chartHours * 3_600_000;
    const store = MetricStore.open(file);
    const [written, fillMs] = await timed(async () => {
      let n = 0;
      for (let t = chartStart; t < chartEnd; t += 3_600_000) {
        const batch: SampleInput[] = [];
        for (let ts = t; ts < t + 3_600_000; ts += 10_000) for (let v = 0; v < vms; v++) batch.push({ vmId: vmId(v), metric: "cpu_utilization", ts, value: value(v, 0, ts / 10_000) });
        n += await store.write(batch, "cloud");
      }
      await store.flushRollups(Date.now());
      return n;
    });
    console.log(`chart data: ${fmt(written)} samples written and rolled up in ${seconds(fillMs).toFixed(1)} s; database ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB\n`);

    // In process: the function the route calls, over the same file.
    const prisma = openDb(file);
    const params = { mci: mciId, metric: "cpu_utilization", from: String(chartStart), to: String(chartEnd), step: "60" };
    for (const [label, extra] of [
      ["in process: queryMetrics, one series per VM", {}],
      ["in process: queryMetrics, combine=avg", { combine: "avg" }],
    ] as const) {
      const q = metricsQuerySchema.parse({ ...params, ...extra });
      const times: number[] = [];
      let points = 0;
      for (let i = 0; i < 5; i++) {
        const [answer, ms] = await timed(() => queryMetrics({ metrics: store, vms: stores(prisma).monitoredVms }, q, Date.now()));
        times.push(ms);
        points = answer.series.reduce((s, x) => s + x.points.length, 0);
      }
      chart.push([label, points, 0, median(times)]);
    }
    await prisma.$disconnect();
    await store.close();

    await withServer(file, port, async (base) => {
      for (const [label, extra] of [
        ["GET /api/v1/metrics?mci=…&step=60, one series per VM", ""],
        ["GET … &combine=avg, one series over the MCI", "&combine=avg"],
        ["GET … &maxPoints=800 (LTTB per VM)", "&maxPoints=800"],
        // What the console's MCI chart asks, about one point per pixel of a 36rem panel.
        ["GET … &combine=max&agg=max&maxPoints=480 (the console's \"highest VM\" line)", "&combine=max&agg=max&maxPoints=480"],
        ["GET … &top=8&maxPoints=480 (the console's busiest-VMs chart)", "&top=8&maxPoints=480"],
      ] as const) {
        const url = `${base}/api/v1/metrics?${new URLSearchParams(params)}${extra}`;
        const runs: number[] = [];
        let bytes = 0;
        let answered = 0;
        for (let i = 0; i < 6; i++) {
          const [body, ms] = await timed(async () => {
            const res = await fetch(url, { headers: AUTH });
            if (!res.ok) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
            return res.text();
          });
          // The first run pays for compiling the route; it is left out.
          if (i > 0) runs.push(ms);
          bytes = body.length;
          answered = (JSON.parse(body) as { series: { points: unknown[] }[] }).series.reduce((s, x) => s + x.points.length, 0);
        }
        chart.push([label, answered, bytes, median(runs)]);
      }
    });
  } finally {
    printTables(rows, chart, raw, vms, chartHours);
  }
}

async function withServer(file: string, port: number, work: (base: string) => Promise<void>): Promise<void> {
  const server = await startServer(file, port);
  try {
    await work(`http://127.0.0.1:${port}`);
  } finally {
    server.stop();
    await new Promise((r) => setTimeout(r, 500));
  }
}

function printTables(rows: [string, number, number][], chart: [string, number, number, number][], raw: { n: number; ms: number }, vms: number, chartHours: number): void {
  console.log("| ingest path | samples | seconds | samples/s | of raw |\n|---|---:|---:|---:|---:|");
  const rawRate = rate(raw.n, raw.ms);
  for (const [label, n, ms] of rows) console.log(`| ${label} | ${fmt(n)} | ${seconds(ms).toFixed(2)} | ${fmt(rate(n, ms))} | ${Math.round((100 * rate(n, ms)) / rawRate)}% |`);
  if (chart.length) {
    console.log(`\n| chart: ${chartHours} h × ${vms} VMs, step 60 s (reads ${fmt(vms * chartHours * 60)} one-minute rollup rows) | points answered | JSON bytes | median time |\n|---|---:|---:|---:|`);
    for (const [label, pts, bytes, ms] of chart) console.log(`| ${label} | ${fmt(pts)} | ${bytes ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : "–"} | ${Math.round(ms)} ms |`);
  }
}
