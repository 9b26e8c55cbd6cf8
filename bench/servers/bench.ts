import os from "node:os";
import pg from "pg";
import { listRegions, listSpecs } from "@/lib/catalogue";
import type { CloudDriver } from "@/lib/drivers/types";
import { createMci } from "@/lib/provisioning/mci";
import { DEFAULT_LIMITS } from "@/lib/provisioning/reconciler/runner";
import { startHarness, type Harness } from "@/lib/provisioning/testing/harness";
import { migratePostgres } from "@/lib/store/migrate-postgres.mjs";
import { startPostgresCluster } from "@/lib/store/postgres-cluster.mjs";
import { tempDatabase } from "@/lib/store/testing";
import { TEST_POSTGRES_ENV, TEST_TEMPLATE } from "@/lib/store/testing-postgres.mjs";
import type { SubGroupRequest } from "@/lib/validation/mci";

const PER_SUBGROUP = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith("--")) out[argv[i].slice(2)] = argv[i + 1]?.startsWith("--") ? "" : (argv[i + 1] ?? "");
  return out;
}

/** `count` regions of several providers, each with its cheapest spec without an accelerator. */
function subGroups(count: number): SubGroupRequest[] {
  const regions = listRegions();
  return Array.from({ length: count }, (_, i) => {
    const region = regions[(i * 7) % regions.length].key;
    const spec = listSpecs(region).filter((s) => !s.accelerator).sort((a, b) => a.pricePerHour - b.pricePerHour)[0];
    return { region, specId: spec.id, count: PER_SUBGROUP };
  });
}

/** A PostgreSQL server to make each run's database on (DATABASE_URL or a throw-away cluster), with the migrated template tempDatabase copies. */
async function preparePostgres(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [TEST_TEMPLATE]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${TEST_TEMPLATE}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${TEST_TEMPLATE}`;
  await migratePostgres(url.toString());
  process.env[TEST_POSTGRES_ENV] = adminUrl;
}

async function one(n: number, servers: number, speed: number, timeoutS: number) {
  const temp = tempDatabase();
  const creates: number[] = Array.from({ length: servers }, () => 0);
  const counting = (i: number) => (d: CloudDriver) =>
    new Proxy(d, { get: (t, p, r) => (p === "createVm" ? (...a: Parameters<CloudDriver["createVm"]>) => (creates[i]++, t.createVm(...a)) : Reflect.get(t, p, r)) });
  const harnesses: Harness[] = [];
  for (let i = 0; i < servers; i++) {
    harnesses.push(await startHarness(i === 0 ? temp.prisma : temp.reopen(), { BARISTA_SIM_SPEED: String(speed) }, counting(i), undefined, DEFAULT_LIMITS));
  }
  const load0 = os.loadavg()[0];
  const t0 = performance.now();
  const answer = await createMci(harnesses[0].deps, "default", { name: `servers-${n}`, description: "", policy: "continue", dryRun: false, subGroups: subGroups(n / PER_SUBGROUP) });
  if (answer.kind !== "created") throw new Error("no MCI");
  const id = answer.mci.id;
  let counts: Record<string, number> = {};
  const until = t0 + timeoutS * 1000;
  for (;;) {
    const rows = await temp.prisma.vm.groupBy({ by: ["status"], where: { mciId: id }, _count: true });
    counts = Object.fromEntries(rows.map((r) => [r.status, r._count]));
    if ((counts.Creating ?? 0) === 0 || performance.now() > until) break;
    await sleep(500);
  }
  const allMs = performance.now() - t0;
  const load1 = os.loadavg()[0];
  await Promise.all(harnesses.map((h) => h.reconciler.stop()));
  const cloud = await temp.prisma.simResource.count({ where: { kind: "vm" } });
  await temp.cleanup();
  return { allMs, counts, creates, cloud, load0, load1, errors: harnesses.reduce((s, h) => s + h.errors.length, 0) };
}

export async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const sizes = (args.vms ?? "500,2000").split(",").map(Number);
  const serverCounts = (args.servers ?? "1,2").split(",").map(Number);
  const speed = Number(args.speed ?? 1000);
  const timeoutS = Number(args.timeout ?? 900);
  const url = process.env.DATABASE_URL ?? "";
  const cluster = "postgres" in args || args.database === "postgresql" ? await startPostgresCluster() : null;
  if (cluster) await preparePostgres(cluster.url);
  else if (/^postgres(ql)?:\/\//.test(url)) await preparePostgres(url);
  const where = process.env[TEST_POSTGRES_ENV] ? "PostgreSQL" : "SQLite";
  try {
    console.log(`several-servers bench — ${new Date().toISOString()}, ${where}, ${os.cpus().length} cores, Node ${process.version}, sim speed ×${speed}, each server's reconciler ${DEFAULT_LIMITS.global} steps at once, ${DEFAULT_LIMITS.perConnection} per connection, all servers in this one process`);
    console.log("| VMs | servers | all Running | creates per server | cloud VMs | errors | load 1 min | final |");
    console.log("|---:|---:|---:|---|---:|---:|---:|---|");
    for (const n of sizes) {
      for (const servers of serverCounts) {
        const r = await one(n, servers, speed, timeoutS);
        console.log(`| ${n} | ${servers} | ${(r.allMs / 1000).toFixed(1)} s | ${r.creates.join(" / ")} | ${r.cloud} | ${r.errors} | ${r.load0.toFixed(1)} → ${r.load1.toFixed(1)} | ${JSON.stringify(r.counts)} |`);
      }
    }
  } finally {
    await cluster?.stop();
  }
}
