// @ts-check
// Plain JavaScript so that the benchmarks (plain Node scripts, which cannot import TypeScript) start
// the same test servers as the tests do.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { userInfo, tmpdir } from "node:os";
import { join } from "node:path";
import { below, readProcesses } from "./processes.mjs";

/**
 * A real OpenSSH server for tests, on 127.0.0.1 with its own host key and one authorized key.
 * @typedef {object} TestSshd
 * @property {string} host
 * @property {number} port The first port it listens on.
 * @property {number[]} ports Every port it listens on (one unless `ports` was given).
 * @property {string} username
 * @property {string} privateKey The key that logs in (OpenSSH format).
 * @property {string} publicKey
 * @property {string} hostFingerprint The host key's SHA256 fingerprint, as a client sees it.
 * @property {number | null} pid The running server's process id (its sessions are its descendants); null when stopped.
 * @property {(hard?: boolean) => Promise<void>} stop Stops the server (SIGKILL with `hard`, leaving its sessions to die with it).
 * @property {() => Promise<void>} start Starts it again on the same port(s), e.g. after stop().
 * @property {() => void} rotateHostKey Replaces the host key (the next start offers another one).
 */

/**
 * @typedef {object} TestSshdOptions
 * @property {number} [port] The port to listen on (a free one by default).
 * @property {number} [ports] How many ports to listen on (free ones), as several hosts behind one server; 1 by default.
 * @property {number[]} [listen] The exact ports to listen on (instead of `port` and `ports`).
 * @property {Pick<TestSshd, "privateKey" | "publicKey">} [clientKey] The key to authorize (a new one by default).
 */

const SSHD = process.env.SSHD_PATH ?? "/usr/sbin/sshd";

/** @returns {Promise<number>} */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Distinct free ports: all held open at once while chosen, so none comes twice (freePort called in
 * parallel may answer the same port to two callers).
 * @param {number} count
 * @returns {Promise<number[]>}
 */
export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        /** @type {Promise<import("node:net").Server>} */ (
          new Promise((resolve, reject) => {
            const server = createServer();
            server.once("error", reject);
            server.listen(0, "127.0.0.1", () => resolve(server));
          })
        ),
    ),
  );
  const ports = servers.map((s) => /** @type {import("node:net").AddressInfo} */ (s.address()).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/**
 * @param {string} file
 * @param {string} comment
 */
function keygen(file, comment) {
  rmSync(file, { force: true });
  rmSync(`${file}.pub`, { force: true });
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file]);
}

/**
 * @param {string} pubFile
 * @returns {string}
 */
function fingerprint(pubFile) {
  return execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", pubFile]).toString().split(" ")[1];
}

/** @param {number} pid */
function killQuietly(pid) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * @param {number} port
 * @param {number} timeoutMs
 * @returns {Promise<void>}
 */
async function accepting(port, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Several test servers that one key logs in to, as a fleet of machines under one SSH credential.
 * @param {number} count
 * @param {Pick<TestSshdOptions, "ports">} [opts]
 * @returns {Promise<TestSshd[]>}
 */
export async function startTestHosts(count, opts = {}) {
  // Every server's ports chosen together: servers started in parallel must not pick the same one.
  const each = opts.ports ?? 1;
  const ports = await freePorts(count * each);
  const listen = (/** @type {number} */ i) => ports.slice(i * each, (i + 1) * each);
  const first = await startTestSshd({ listen: listen(0) });
  const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => startTestSshd({ listen: listen(i + 1), clientKey: first })));
  return [first, ...rest];
}

/**
 * Starts Debian's OpenSSH server (`openssh-server`; CI installs it) as a child process with a
 * configuration of its own in a temporary folder: no PAM, key login only, as the current user.
 * @param {TestSshdOptions} [opts]
 * @returns {Promise<TestSshd>}
 */
export async function startTestSshd(opts = {}) {
  if (!existsSync(SSHD)) throw new Error(`no OpenSSH server at ${SSHD}: install Debian's openssh-server (apt-get install -y openssh-server) or set SSHD_PATH`);
  const dir = mkdtempSync(join(tmpdir(), "barista-sshd-"));
  const ports = opts.listen ?? (opts.port !== undefined ? [opts.port] : await freePorts(opts.ports ?? 1));
  const username = userInfo().username;
  keygen(join(dir, "host_key"), "test-host");
  if (opts.clientKey) {
    writeFileSync(join(dir, "client_key"), opts.clientKey.privateKey, { mode: 0o600 });
    writeFileSync(join(dir, "client_key.pub"), `${opts.clientKey.publicKey}\n`);
  } else keygen(join(dir, "client_key"), "barista-test");
  writeFileSync(join(dir, "authorized_keys"), readFileSync(join(dir, "client_key.pub")), { mode: 0o600 });
  writeFileSync(
    join(dir, "sshd_config"),
    [
      // `Port` may repeat: one server then answers as several hosts, each port its own address.
      ...ports.map((p) => `Port ${p}`),
      "ListenAddress 127.0.0.1",
      `HostKey ${join(dir, "host_key")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      "PermitRootLogin prohibit-password",
      `AllowUsers ${username}`,
      "MaxStartups 200",
      "MaxSessions 20",
      "LogLevel ERROR",
      // Commands start in a home of their own, as on a fresh server: the developer's shell start-up
      // files (sourced by bash for every SSH command) may be slow or wait on locks under load.
      `SetEnv HOME=${dir}`,
      "",
    ].join("\n"),
  );
  // The privilege separation folder sshd insists on when started as root.
  if (process.getuid?.() === 0) mkdirSync("/run/sshd", { recursive: true });
  /** @type {import("node:child_process").ChildProcess | null} */
  let child = null;
  let hostFingerprint = fingerprint(join(dir, "host_key.pub"));

  const start = async () => {
    const proc = spawn(SSHD, ["-D", "-e", "-f", join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    proc.stderr?.on("data", (/** @type {Buffer} */ c) => (stderr += c.toString()));
    child = proc;
    /** @type {Promise<never>} */
    const exited = new Promise((_, reject) => proc.once("exit", (code) => reject(new Error(`sshd exited (${code}): ${stderr.trim()}`))));
    await Promise.race([Promise.all(ports.map((p) => accepting(p, 10_000))), exited]);
    exited.catch(() => undefined);
    // sshd carries on when one of several ports is taken, and another process answers there.
    if (/Bind to port/.test(stderr)) {
      await stop(true);
      throw new Error(`sshd could not listen on every port: ${stderr.trim()}`);
    }
  };
  /** @param {boolean} [hard] */
  const stop = async (hard = false) => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.pid === undefined) return;
    const gone = new Promise((r) => proc.once("exit", r));
    // sshd's sessions are its children; a hard stop kills them too, as a dying machine would.
    if (hard) for (const { pid } of below(readProcesses(), proc.pid)) killQuietly(pid);
    proc.kill(hard ? "SIGKILL" : "SIGTERM");
    await gone;
  };
  await start();
  /** @type {TestSshd} */
  const sshd = {
    host: "127.0.0.1",
    port: ports[0],
    ports,
    username,
    privateKey: readFileSync(join(dir, "client_key"), "utf8"),
    publicKey: readFileSync(join(dir, "client_key.pub"), "utf8").trim(),
    get hostFingerprint() {
      return hostFingerprint;
    },
    get pid() {
      return /** @type {import("node:child_process").ChildProcess | null} */ (child)?.pid ?? null;
    },
    start,
    async stop(hard) {
      await stop(hard);
    },
    rotateHostKey() {
      keygen(join(dir, "host_key"), "test-host-rotated");
      hostFingerprint = fingerprint(join(dir, "host_key.pub"));
    },
  };
  process.once("exit", () => {
    try {
      /** @type {import("node:child_process").ChildProcess | null} */ (child)?.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort at exit.
    }
  });
  return sshd;
}
