import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { listRegions, listSpecs } from "@/lib/catalogue";
import { cloudVms, createMci } from "@/lib/provisioning/mci";
import { DEFAULT_LIMITS } from "@/lib/provisioning/reconciler/runner";
import { startHarness } from "@/lib/provisioning/testing/harness";
import { migrateDatabase, openDb, stores } from "@/lib/store";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import type { SubGroupRequest } from "@/lib/validation/mci";
import { countStatements } from "./sql-count";
import { timeStatements } from "./sql-timing";

let PER_SUBGROUP = 100;

/**
 * The database the deployment runs on: a fresh temporary SQLite file, or `DATABASE_URL` when it
 * is given (`file:` only for now: the PostgreSQL client is not in this branch; give the URL of an
 * empty database, since every run adds an MCI to it).
 */
function benchDatabase(): TempDatabase {
  const url = process.env.DATABASE_URL;
  if (!url) return tempDatabase();
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL ${url.split(":")[0]}: give a file: URL, or run with --database postgresql for a throw-away PostgreSQL cluster`);
  const file = url.slice("file:".length);
  migrateDatabase(file);
  const prisma = openDb(file);
  return { provider: "sqlite", file, url: file, prisma, reopen: () => openDb(file), cleanup: () => prisma.$disconnect() };
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith("--")) out[argv[i].slice(2)] = argv[i + 1] ?? "";
  return out;
}

/** `count` regions, taken in turn from every provider, each with its cheapest spec without an accelerator. */
function subGroups(count: number): SubGroupRequest[] {
  const byProvider = new Map<string, string[]>();
  for (const r of listRegions()) byProvider.set(r.provider, [...(byProvider.get(r.provider) ?? []), r.key]);
  const picked: string[] = [];
  for (let i = 0; picked.length < count; i++) {
    let added = false;
    for (const keys of byProvider.values()) if (keys[i] && picked.length < count) (picked.push(keys[i]), (added = true));
    if (!added) throw new Error(`only ${picked.length} regions`);
  }
  return picked.map((region) => {
    const spec = listSpecs(region).filter((s) => !s.accelerator).sort((a, b) => a.pricePerHour - b.pricePerHour)[0];
    return { region, specId: spec.id, count: PER_SUBGROUP };
  });
}

const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function one(n: number, speed: number, timeoutS: number, createOnly: boolean, sql: () => ReturnType<ReturnType<typeof countStatements>>) {
  const temp = benchDatabase();
  const s = stores(temp.prisma);
  const h = await startHarness(temp.prisma, { BARISTA_SIM_SPEED: String(speed) }, undefined, undefined, DEFAULT_LIMITS);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const health: number[] = [];
  let probing = true;
  // What GET /api/v1/health does first: read the database. Four times a second, as a monitor might.
  const prober = (async () => {
    while (probing) {
      const t = performance.now();
      await s.database.read();
      health.push(performance.now() - t);
      await sleep(250);
    }
  })();
  const load0 = os.loadavg()[0];
  loop.enable();
  const sql0 = sql();
  const wall0 = Date.now();
  const t0 = performance.now();
  const answer = await createMci(h.deps, "default", { name: `big-${n}`, description: "", policy: "continue", dryRun: false, subGroups: subGroups(n / PER_SUBGROUP) });
  const createMs = performance.now() - t0;
  if (answer.kind !== "created") throw new Error("no MCI");
  const id = answer.mci.id;
  if (createOnly) {
    probing = false;
    await prober;
    await h.reconciler.stop();
    await temp.cleanup();
    return { n, createMs, lastIssuedMs: NaN, allMs: NaN, lastRunningMs: NaN, settledMs: NaN, slowestMs: NaN, counts: {}, health, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, load0, load1: os.loadavg()[0], perVm: perVm(sql0, sql(), n) };
  }
  let counts: Record<string, number> = {};
  const until = t0 + timeoutS * 1000;
  for (;;) {
    const rows = await temp.prisma.vm.groupBy({ by: ["status"], where: { mciId: id }, _count: true });
    counts = Object.fromEntries(rows.map((r) => [r.status, r._count]));
    if ((counts.Creating ?? 0) === 0 || performance.now() > until) break;
    await sleep(250);
  }
  const allMs = performance.now() - t0;
  // When the last VM row was written Running (its own history), free of this loop's polling period.
  let lastRunningAt = 0;
  for (const v of await temp.prisma.vm.findMany({ where: { mciId: id }, select: { history: true } })) {
    for (const e of JSON.parse(v.history) as { status: string; at: number }[]) if (e.status === "Running" || e.status === "Failed") lastRunningAt = Math.max(lastRunningAt, e.at);
  }
  const lastRunningMs = lastRunningAt - wall0;
  // Until the MCI step has applied the policy (the "deployment finished" event).
  for (;;) {
    const m = await temp.prisma.mci.findUnique({ where: { id }, select: { settled: true } });
    if (m?.settled || performance.now() > until) break;
    await sleep(200);
  }
  const settledMs = performance.now() - t0;
  const sql1 = sql();
  loop.disable();
  probing = false;
  await prober;
  const load1 = os.loadavg()[0];
  await h.reconciler.stop();
  // The slowest VM as the simulated cloud itself timed it (its own status history).
  let slowestMs = 0;
  let lastIssuedAt = 0;
  for (const sg of subGroups(n / PER_SUBGROUP)) {
    for (const vm of await cloudVms(h.deps, sg.region!)) {
      const start = vm.history.find((x) => x.status === "Creating");
      if (start) lastIssuedAt = Math.max(lastIssuedAt, Date.parse(start.at));
      const end = vm.history.find((x) => x.status === "Running" || x.status === "Failed");
      if (start && end) slowestMs = Math.max(slowestMs, Date.parse(end.at) - Date.parse(start.at));
    }
  }
  await temp.cleanup();
  return { n, createMs, lastIssuedMs: lastIssuedAt - wall0, allMs, lastRunningMs, settledMs, slowestMs, counts, health, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, load0, load1, perVm: perVm(sql0, sql1, n) };
}

function perVm(a: ReturnType<ReturnType<typeof countStatements>>, b: typeof a, n: number): string {
  const f = (x: number) => ((x / n).toFixed(1));
  return `${f(b.reads - a.reads)} / ${f(b.writes - a.writes)} / ${f(b.commits - a.commits)}`;
}

export async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const sizes = (args.vms ?? "1000,2000,5000,10000").split(",").map(Number);
  const speed = Number(args.speed ?? 1000);
  const timeoutS = Number(args.timeout ?? 900);
  PER_SUBGROUP = Number(args["per-subgroup"] ?? PER_SUBGROUP);
  if (args.database === "postgresql") {
    // A throw-away cluster with a migrated template, as the test suites on PostgreSQL use.
    const { default: setupPostgres } = await import("@/lib/store/testing-postgres.mjs");
    const stop = await setupPostgres();
    process.on("exit", () => void stop());
    process.env.BARISTA_TEST_DATABASE = "postgresql";
  } else if (args.database && args.database !== "sqlite") throw new Error(`--database takes sqlite or postgresql (got ${args.database})`);
  const sqlReport = args.sql ? timeStatements() : null;
  const sql = countStatements();
  console.log(`big-MCI bench — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, ${process.env.BARISTA_TEST_DATABASE === "postgresql" ? "PostgreSQL" : "SQLite"}, sim speed ×${speed}, ${PER_SUBGROUP} VMs per subgroup (one region each), reconciler ${DEFAULT_LIMITS.global} steps at once, ${DEFAULT_LIMITS.perConnection} per connection`);
  console.log("| VMs | create call | last create issued | all Running (polled) | last VM row Running | settled | slowest VM | ratio (last row ÷ slowest) | SQL reads / writes / commits per VM | health read p50 / p95 / max | event loop p99 / max | load 1 min | final |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const n of sizes) {
    const r = await one(n, speed, timeoutS, Boolean(args["create-only"]), sql);
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const m = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(`| ${n} | ${f(r.createMs)} | ${f(r.lastIssuedMs)} | ${f(r.allMs)} | ${f(r.lastRunningMs)} | ${f(r.settledMs)} | ${f(r.slowestMs)} | ${(r.lastRunningMs / r.slowestMs).toFixed(3)} | ${r.perVm} | ${m(pct(r.health, 0.5))} / ${m(pct(r.health, 0.95))} / ${m(Math.max(...r.health))} | ${m(r.loopP99)} / ${m(r.loopMax)} | ${r.load0.toFixed(1)} → ${r.load1.toFixed(1)} | ${JSON.stringify(r.counts)} |`);
    if (sqlReport) console.log(sqlReport());
  }
}
