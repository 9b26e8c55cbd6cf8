import { prepareSetup } from "@/lib/auth";
import { listRegions } from "@/lib/catalogue";
import { builtinConnections } from "@/lib/provisioning/connections";
import { ensureDefaultNamespace, moveNamespaceKeysIntoVault } from "@/lib/provisioning/namespaces";
import { SimSshServer } from "@/lib/drivers/sim/ssh/server";
import { simSshPortFromEnv } from "@/lib/drivers/sim/ssh/config";
import { bringDatabaseUpToDate, databaseTarget, underStartupLock } from "@/lib/store";
import { runtime } from "./runtime";
import { startTakeoverLoop, takeOverFromDead } from "./takeover";

const SEEDED = "builtin-connections-seeded";

/** Runs once when the server starts: bring the database up to date, then offer the built-in clouds. */
export async function startServer(): Promise<void> {
  const { where, applied } = await bringDatabaseUpToDate();
  console.log(`[barista] database ${where}${applied.length ? `: applied ${applied.join(", ")}` : ""}`);
  const rt = runtime();
  // Loads (or, the first time, makes) the vault key now: a malformed key stops the server here.
  const key = rt.vault.key();
  console.log(`[barista] vault key ${key.key.id} from ${key.source === "env" ? "BARISTA_SECRET_KEY" : `${key.file}${key.created ? " (created)" : ""}`}`);
  const unreadable = await rt.vault.countUnderOtherKeys();
  if (unreadable) {
    console.error(`[barista] ${unreadable} credential(s) were sealed under another vault key and cannot be opened: the vault was written with another key; set BARISTA_SECRET_KEY to the key it was written with`);
  }
  // Databases from before the vault: the namespaces' private keys move into it.
  const { moved, logEmptied } = await moveNamespaceKeysIntoVault(rt.provisioning, rt.stores.credentials);
  if (moved) console.log(`[barista] moved ${moved} namespace SSH key(s) into the vault and rewrote the database without them${logEmptied ? "" : " (another connection held the write-ahead log; it is overwritten as it is reused)"}`);
  // Servers starting together on one PostgreSQL take turns here: the first makes, the next find.
  await underStartupLock(async () => {
    // Only on the first start: a connection the user removed stays removed.
    if (!(await rt.stores.settings.get(SEEDED))) {
      const added = await rt.stores.connections.createMissing(builtinConnections(listRegions()));
      await rt.stores.settings.set(SEEDED, new Date().toISOString());
      console.log(`[barista] added ${added} simulated connections, one per region`);
    }
    await ensureDefaultNamespace(rt.provisioning);
    // Tags every cloud resource this installation makes, so it never takes another's for its own.
    rt.provisioning.installationId = await rt.stores.settings.installationId();
  });
  // Other servers may share the database: this one says it is alive before it takes over anything.
  await rt.server.heartbeat.start();
  // On SQLite this server is the only one, so nothing of an earlier process is alive; on PostgreSQL, those seen lately are.
  const alive = databaseTarget().provider === "sqlite" ? [rt.server.id] : await rt.server.heartbeat.alive();
  console.log(`[barista] server ${rt.server.id}${alive.length > 1 ? `, with ${alive.length - 1} other server(s) on this database` : ""}`);
  // Resumes every deployment and action a stop or crash interrupted.
  await rt.reconciler.start();
  const pending = await rt.stores.queue.size();
  if (pending) console.log(`[barista] reconciler resumed with ${pending} item(s) of work`);
  console.log(`[barista] installation ${rt.provisioning.installationId}: the barista-managed tag of its cloud resources`);
  // Pulls the clouds' metrics, keeps rollups and retention, and evaluates alert rules: on the leader only.
  await rt.server.leader.start();
  rt.monitoring.start();
  const { retention, collect } = rt.monitoring.deps.config;
  const days = (ms: number) => (ms >= 86_400_000 ? `${ms / 86_400_000} d` : `${ms / 3_600_000} h`);
  console.log(`[barista] monitoring: collector ${collect ? "on" : "off"}; keeping raw samples ${days(retention.rawMs)}, 1-minute rollups ${days(retention.minuteMs)}, 1-hour rollups ${days(retention.hourMs)}`);
  const allowed = rt.monitoring.deps.config.webhookAllow.entries;
  console.log(`[barista] alert webhooks: internal and cloud metadata addresses refused${allowed.length ? `; allowed anyway (BARISTA_WEBHOOK_ALLOW): ${allowed.join(", ")}` : ""}`);
  const { speed, faults, seed } = rt.sim.config;
  console.log(`[barista] simulator: speed ×${speed}, faults ${faults}, seed "${seed}"`);
  await startSimSsh(rt);
  // After the simulator's SSH server is up (simulated VMs are reached through it): app installs a
  // stop left unfinished go on from the step they were in, whose command is marked interrupted first.
  // Commands that ran on a server that stopped cannot be followed any more: they end as interrupted, never as succeeded.
  const takeover = { heartbeat: rt.server.heartbeat, queue: rt.stores.queue, commands: rt.commands, apps: rt.apps };
  const { interrupted, resumed } = await takeOverFromDead(takeover, alive);
  if (interrupted) console.log(`[barista] ${interrupted} remote command(s) were running when a server stopped: marked interrupted`);
  if (resumed) console.log(`[barista] resumed ${resumed} app install(s) from the step they were in`);
  // From now on, what any server that stops or dies leaves (work, commands, installs) is taken over.
  startTakeoverLoop(takeover, (line) => console.log(`[barista] ${line}`), (e) => console.error("[barista] take-over from stopped servers:", e));
  console.log(`[barista] apps: ${rt.apps.deps.catalogue.ids.join(", ")}`);
  await announceSetup(rt);
}

/** The simulated VMs answer SSH on one port of 127.0.0.1; the login name `ubuntu+<VM id>` picks the VM. */
async function startSimSsh(rt: ReturnType<typeof runtime>): Promise<void> {
  if (rt.sim.ssh) return;
  const server = await SimSshServer.start({ cloud: rt.sim, keys: rt.stores.settings, port: simSshPortFromEnv() });
  rt.sim.ssh = server;
  // The process is ending: close the listening socket and the sessions with it.
  process.once("exit", () => void server.stop());
  console.log(`[barista] simulator SSH: 127.0.0.1:${server.port}, log in as ubuntu+<VM id> with the VM's key; host key ${server.hostFingerprint}`);
}

/** Where people reach the console: the configured public URL, else what `npm start` listens on. */
function consoleUrl(): string {
  const base = process.env.BARISTA_PUBLIC_URL ?? process.env.BARISTA_LISTEN_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
  return base.replace(/\/$/, "");
}

/** No user yet: print the one-time link that makes the first admin (there is no default password). */
async function announceSetup(rt: ReturnType<typeof runtime>): Promise<void> {
  const token = await prepareSetup(rt.auth);
  if (token) {
    console.log("[barista] no account exists yet. Open this link to create the admin account (it works once; a restart makes a new one):");
    console.log(`[barista]     ${consoleUrl()}/setup?token=${token}`);
  }
  if (rt.auth.automationToken) console.log("[barista] BARISTA_API_TOKEN is set: it is accepted as an admin bearer token");
  if (rt.auth.anonymousRole) console.log(`[barista] BARISTA_ANONYMOUS_ROLE=${rt.auth.anonymousRole}: anyone who reaches the console may act as ${rt.auth.anonymousRole} without signing in`);
}
