import { authConfigFromEnv, createAuth, type Auth, type AuthDeps } from "@/lib/auth";
import { listRegions } from "@/lib/catalogue";
import type { ConnectionDeps } from "@/lib/provisioning/connections";
import type { ProvisioningDeps } from "@/lib/provisioning/deps";
import { DEFAULT_LIMITS, Reconciler } from "@/lib/provisioning/reconciler/runner";
import { FleetCache } from "@/lib/provisioning/fleet-cache";
import { createDriver } from "@/lib/drivers/registry";
import { SimCloud } from "@/lib/drivers/sim/cloud";
import { simConfigFromEnv } from "@/lib/drivers/sim/config";
import type { ConnectionConfig } from "@/lib/drivers/types";
import { monitoringConfigFromEnv } from "@/lib/monitoring/config";
import type { MonitoringDeps } from "@/lib/monitoring/deps";
import { createMonitoring, type Monitoring } from "@/lib/monitoring/monitoring";
import { vmDirectoryOver } from "@/lib/monitoring/vm-directory";
import { AppCatalogue, AppInstaller } from "@/lib/remote/apps";
import { CommandEngine, commandLimitsFromEnv } from "@/lib/remote/commands";
import { SshPool } from "@/lib/remote/ssh-pool";
import { createLatencyModel, type LatencyModel } from "@/lib/placement/latency";
import { serverVaultKey, sessionSigningSecret, sharedVaultKey, Vault } from "@/lib/secrets";
import { databaseTarget, db, MetricStore, stores, type Stores } from "@/lib/store";
import { LeaderLease } from "./leader-lease";
import type { PlacementDeps } from "./placement";
import { newServerId, ServerHeartbeat } from "./server-node";

/**
 * The composition root: the one place where storage, drivers, the clock and the models meet.
 * Only the edges (route handlers, server actions, pages, start-up) call runtime(); everything
 * in lib/ receives the part it needs as an argument.
 */
export interface Runtime {
  stores: Stores;
  sim: SimCloud;
  /** Open SSH connections to VMs and hosts, shared by drivers and remote commands. */
  ssh: SshPool;
  /** The credentials vault (its key is loaded by startServer, so a bad key stops the server there). */
  vault: Vault;
  latency: LatencyModel;
  placement: PlacementDeps;
  connections: ConnectionDeps;
  provisioning: ProvisioningDeps;
  reconciler: Reconciler;
  monitoring: Monitoring;
  /** Remote commands over the VMs of MCIs. */
  commands: CommandEngine;
  /** App recipes and their installs, run as remote commands. */
  apps: AppInstaller;
  /** Every MCI's VMs per region, for the home map. */
  fleet: FleetCache;
  auth: AuthDeps & { settings: Stores["settings"] };
  /** This server among those sharing the database: its id, its heartbeat, and whether it leads. */
  server: { id: string; heartbeat: ServerHeartbeat; leader: LeaderLease };
}

/** The lease whose holder runs the jobs that must run once over all servers. */
const LEADER_LEASE = "leader";

const globalRuntime = globalThis as unknown as { baristaRuntime?: Runtime };

export function runtime(): Runtime {
  if (!globalRuntime.baristaRuntime) {
    const s = stores();
    const config = simConfigFromEnv();
    const serverId = newServerId();
    const heartbeat = new ServerHeartbeat(serverId, s.serverNodes, config.clock, (e) => console.error("[barista] heartbeat:", e));
    const leader = new LeaderLease({
      store: s.leases,
      name: LEADER_LEASE,
      holder: serverId,
      clock: config.clock,
      onChange: (leads) =>
        console.log(
          leads
            ? `[barista] server ${serverId} leads: it runs the metric collector, rollups, retention and alert evaluation`
            : `[barista] server ${serverId} follows: another server runs the metric collector, rollups, retention and alert evaluation`,
        ),
      onError: (e) => console.error("[barista] leader lease:", e),
    });
    const sim = new SimCloud(s.sim, config);
    const target = databaseTarget();
    const vault = new Vault(s.credentials, () => (target.provider === "sqlite" ? serverVaultKey(process.env, target.file) : sharedVaultKey(process.env)));
    const ssh = new SshPool({ pins: s.hostKeys });
    const driverFor = (c: ConnectionConfig) => createDriver(c, { sim, ssh, sshHosts: s.sshHosts, secrets: (name) => vault.revealForDriver(name) });
    let reconciler: Reconciler | null = null;
    const provisioning: ProvisioningDeps = {
      repo: s.mci,
      queue: s.queue,
      connections: s.connections,
      vault,
      driverFor,
      clock: config.clock,
      // Read from the database by startServer, before the reconciler runs.
      installationId: "",
      random: Math.random,
      vcpuQuota: (c) => (c.driver === "sim" ? config.vcpuQuota : null),
      kick: () => reconciler?.kick(),
    };
    // Work items are claimed under this server's id: another server takes them when it dies.
    reconciler = new Reconciler(provisioning, DEFAULT_LIMITS, { owner: serverId });
    reconciler.onError((key, e) => console.error(`[barista] reconciler ${key}:`, e));
    const monitoringConfig = monitoringConfigFromEnv();
    const monitoringDeps: MonitoringDeps = {
      metrics: MetricStore.open(databaseTarget()),
      vms: s.monitoredVms,
      alerts: s.alerts,
      directory: vmDirectoryOver(s.monitoredVms, config.clock),
      clock: config.clock,
      config: monitoringConfig,
      webhooks: { allow: monitoringConfig.webhookAllow },
      connectionConfig: (name) => s.connections.config(name),
      driverFor,
      leads: () => leader.isLeader(),
    };
    const latency = createLatencyModel(listRegions());
    const authConfig = authConfigFromEnv();
    let authInstance: Auth | null = null;
    const auth = {
      // Made at first use: its signing secret comes from the vault key, which startServer loads first.
      get auth(): Auth {
        return (authInstance ??= createAuth({ db: db(), secret: sessionSigningSecret(vault.key().key), publicUrl: authConfig.publicUrl }));
      },
      tokens: s.tokens,
      users: s.users,
      settings: s.settings,
      clock: config.clock,
      automationToken: authConfig.automationToken,
      anonymousRole: authConfig.anonymousRole,
      publicUrl: authConfig.publicUrl,
      state: { hasUsers: false },
    };
    const commands = new CommandEngine({
      commands: s.commands,
      mcis: s.mci,
      connections: s.connections,
      driverFor,
      vault,
      ssh,
      clock: config.clock,
      limits: commandLimitsFromEnv(),
      owner: serverId,
    });
    globalRuntime.baristaRuntime = {
      stores: s,
      sim,
      ssh,
      vault,
      latency,
      placement: { latency, connections: s.connections },
      connections: { repo: s.connections, driverFor, clock: config.clock },
      provisioning,
      reconciler,
      monitoring: createMonitoring(monitoringDeps),
      commands,
      // The installer reaches the engine through the runtime, so a test that swaps rt.commands swaps it here too.
      apps: new AppInstaller({
        apps: s.apps,
        catalogue: AppCatalogue.fromEnv(),
        mcis: s.mci,
        connections: s.connections,
        driverFor,
        commands: {
          start: (...a) => globalRuntime.baristaRuntime!.commands.start(...a),
          result: (...a) => globalRuntime.baristaRuntime!.commands.result(...a),
        },
        clock: config.clock,
        owner: serverId,
      }),
      fleet: new FleetCache({ repo: s.mci, metrics: monitoringDeps.metrics, now: () => config.clock.now() }),
      auth,
      server: { id: serverId, heartbeat, leader },
    };
  }
  return globalRuntime.baristaRuntime;
}
