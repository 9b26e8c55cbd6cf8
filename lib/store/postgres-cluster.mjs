// @ts-check
// A throw-away PostgreSQL cluster in a temporary folder, on 127.0.0.1: for the tests, the benchmarks
// and the script that writes PostgreSQL migrations. Plain JavaScript so that scripts/ can use it too.
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The folder of PostgreSQL's server programs: `PG_BIN`, else `pg_config --bindir`, else Debian's
 * newest `/usr/lib/postgresql/<version>/bin`.
 * @returns {string | null}
 */
export function postgresBinDir(env = process.env) {
  if (env.PG_BIN) return env.PG_BIN;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(path.join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(debian, versions[0], "bin");
  }
  const r = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const dir = r.status === 0 ? r.stdout.trim() : "";
  return dir && existsSync(path.join(dir, "initdb")) ? dir : null;
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

/**
 * PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user that
 * Debian's package creates.
 * @returns {{ uid?: number, gid?: number }}
 */
function runAs() {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return {};
  const id = (/** @type {string} */ flag) => {
    const r = spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error("PostgreSQL cannot run as root and there is no `postgres` user: install Debian's postgresql package or run as another user");
    return Number(r.stdout.trim());
  };
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * @typedef {object} PostgresCluster
 * @property {string} url  connection URL of the `postgres` database (superuser `barista`, no password)
 * @property {number} port
 * @property {string} dir
 * @property {(name: string) => string} urlOf  the URL of database `name` on this cluster
 * @property {() => Promise<void>} stop  stops the server and removes its folder
 */

/**
 * Starts a new cluster (initdb, then postgres on a free port of 127.0.0.1, fsync off: it is thrown away).
 * @param {{ log?: boolean }} [options]
 * @returns {Promise<PostgresCluster>}
 */
export async function startPostgresCluster(options = {}) {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL's server programs were not found: install Debian's `postgresql` package (or set PG_BIN to the folder holding initdb and postgres)");
  const owner = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), "barista-pg-"));
  if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid ?? owner.uid);
  const data = path.join(dir, "data");
  const init = spawnSync(path.join(bin, "initdb"), ["-D", data, "-U", "barista", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"], { ...owner, encoding: "utf8" });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const port = await freePort();
  const args = ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"];
  const server = spawn(path.join(bin, "postgres"), args, { ...owner, stdio: ["ignore", "ignore", options.log ? "inherit" : "pipe"] });
  let stderr = "";
  server.stderr?.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const ready = path.join(bin, "pg_isready");
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`postgres exited at start: ${stderr}`);
    const r = spawnSync(ready, ["-h", "127.0.0.1", "-p", String(port), "-q"]);
    if (r.status === 0) break;
    if (i > 300) throw new Error(`postgres did not accept connections within 30 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const urlOf = (/** @type {string} */ name) => `postgresql://barista@127.0.0.1:${port}/${name}`;
  // The cluster must not outlive the process that made it, whatever way that process ends.
  const kill = () => server.exitCode === null && server.kill("SIGQUIT");
  process.once("exit", kill);
  return {
    url: urlOf("postgres"),
    port,
    dir,
    urlOf,
    async stop() {
      process.off("exit", kill);
      if (server.exitCode === null) {
        server.kill("SIGINT"); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
