// What the benchmarks that need a running console share: their arguments, a console of their own
// on a fresh database (built first when the build is stale), and a global MCI's subgroups.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { below, readProcesses } from "../../lib/remote/testing/processes.mjs";
import { startPostgresCluster } from "../../lib/store/postgres-cluster.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** `--name value` pairs of the command line. */
export function parseArgs(argv = process.argv.slice(2)) {
  return Object.fromEntries(argv.reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The bench's own console accepts this as an admin bearer token (BARISTA_API_TOKEN). */
export const benchToken = process.env.BARISTA_API_TOKEN || `bench-${randomBytes(18).toString("hex")}`;

/** Headers with a bearer token: the bench's admin token unless another is given. */
export function authorized(headers = {}, token = benchToken) {
  return { authorization: `Bearer ${token}`, ...headers };
}

export async function json(url, init) {
  const r = await fetch(url, { ...init, headers: authorized(init?.headers) });
  if (!r.ok) throw new Error(`${init?.method ?? "GET"} ${url}: ${r.status} ${await r.text()}`);
  return r.json();
}

/**
 * The database of a bench's console: a fresh SQLite file, or with `--database postgresql` a fresh
 * database in a throw-away PostgreSQL cluster (stopped when the bench exits).
 */
export async function benchDatabase(name, kind = parseArgs().database ?? "sqlite") {
  if (kind === "sqlite") return { kind, env: { DATABASE_URL: `file:./data/bench/${name}-${Date.now()}.db` } };
  if (kind !== "postgresql") throw new Error(`--database takes sqlite or postgresql (got ${kind})`);
  const cluster = await startPostgresCluster();
  process.on("exit", () => void cluster.stop());
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query("CREATE DATABASE bench");
  await admin.end();
  return { kind, cluster, env: { DATABASE_URL: cluster.urlOf("bench"), BARISTA_SECRET_KEY: randomBytes(32).toString("base64") } };
}

/**
 * Starts `npm start`'s script on a port with its own database (see benchDatabase) and the simulator
 * settings given, waits until it answers, and stops it (with its whole process group) when the bench exits.
 */
export async function startConsole({ port, name, env }) {
  mkdirSync(path.join(root, "data/bench"), { recursive: true });
  const database = await benchDatabase(name);
  const server = spawn("node", [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...database.env, BARISTA_SIM_VCPU_QUOTA: "100000", BARISTA_API_TOKEN: benchToken, ...env },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // still starting (or building)
    }
    if (i > 1200) throw new Error("the server did not start");
    await sleep(500);
  }
  return { base, stop, pid: server.pid, database: database.kind };
}

/**
 * Subgroups of a global MCI: regions taken from every provider in turn, as a worldwide
 * deployment would be, each with its cheapest spec without an accelerator.
 */
export async function globalSubGroups(base, regionCount, perRegion) {
  const regions = await json(`${base}/api/v1/regions`);
  const byProvider = new Map();
  for (const r of regions) byProvider.set(r.provider, [...(byProvider.get(r.provider) ?? []), r.key]);
  const picked = [];
  for (let i = 0; picked.length < regionCount; i++) {
    let added = false;
    for (const keys of byProvider.values()) if (keys[i] && picked.length < regionCount) (picked.push(keys[i]), (added = true));
    if (!added) break;
  }
  const subGroups = [];
  for (const region of picked) {
    const specs = await json(`${base}/api/v1/regions/${region}/specs`);
    const spec = specs.filter((s) => !s.accelerator).sort((a, b) => a.pricePerHour - b.pricePerHour)[0];
    subGroups.push({ region, specId: spec.id, count: perRegion });
  }
  return subGroups;
}

/** Creates an MCI in the default namespace and polls until no VM is Creating; answers its id and last view. */
export async function deployMci(base, body, pollMs = 500) {
  const created = await json(`${base}/api/v1/ns/default/mci`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  for (;;) {
    const mci = await json(`${base}/api/v1/ns/default/mci/${created.id}`);
    if (mci.statusCount.creating === 0) return { id: created.id, mci };
    await sleep(pollMs);
  }
}

/** Runs one remote command on an MCI and polls until it ended; answers the command as the API last showed it. */
export async function runCommandToEnd(base, mciId, body, pollMs = 100) {
  const commands = `${base}/api/v1/ns/default/mci/${mciId}/commands`;
  const { id } = await json(commands, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  for (;;) {
    const cmd = await json(`${commands}/${id}`);
    if (cmd.status !== "running") return cmd;
    await sleep(pollMs);
  }
}

/** API tokens of a role, one per client, as separate scripts or browsers would hold them. */
export async function makeTokens(base, count, role = "viewer") {
  const tokens = [];
  for (let i = 0; i < count; i++) {
    const t = await json(`${base}/api/v1/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `bench-${role}-${i}`, role }) });
    tokens.push(t.token);
  }
  return tokens;
}

/** Resident memory of a process and everything below it, in MiB (read from /proc; Linux only). */
export function treeRssMiB(root) {
  let kib = 0;
  for (const pid of [root, ...below(readProcesses(), root).map((p) => p.pid)]) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kib / 1024;
}
