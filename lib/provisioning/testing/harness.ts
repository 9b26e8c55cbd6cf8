import { listRegions } from "@/lib/catalogue";
import { systemClock } from "@/lib/core/clock";
import { testDriverDeps } from "@/lib/drivers/testing";
import { createDriver, type DriverDeps } from "@/lib/drivers/registry";
import { SimCloud } from "@/lib/drivers/sim/cloud";
import { simConfigFromEnv } from "@/lib/drivers/sim/config";
import { testVault } from "@/lib/secrets/testing";
import type { CloudDriver, ConnectionConfig } from "@/lib/drivers/types";
import { stores, type Database } from "@/lib/store";
import { builtinConnections } from "../connections";
import type { ProvisioningDeps } from "../deps";
import { ensureDefaultNamespace } from "../namespaces";
import { Reconciler, type RunnerLimits } from "../reconciler/runner";

export interface Harness {
  deps: ProvisioningDeps;
  reconciler: Reconciler;
  cloud: SimCloud;
  errors: unknown[];
  /** A driver as the cloud's own console would use it (no wrapping). */
  rawDriver(connection: string): Promise<CloudDriver>;
}

/**
 * A reconciler over a real database and the simulator at high speed. `wrap` puts a faulty layer
 * between the reconciler and the cloud (a driver that fails every Nth call, loses replies …).
 * `driver` replaces driver dependencies, e.g. the SSH pool and the credentials of registered hosts.
 */
export async function startHarness(prisma: Database, env: Record<string, string> = {}, wrap: (d: CloudDriver) => CloudDriver = (d) => d, driver: Partial<DriverDeps> = {}, limits: RunnerLimits = { global: 32, perConnection: 4, idleMs: 50 }): Promise<Harness> {
  const s = stores(prisma);
  const config = simConfigFromEnv({ BARISTA_SIM_FAULTS: "off", BARISTA_SIM_SPEED: "2000", ...env }, systemClock);
  const cloud = new SimCloud(s.sim, config);
  const driverDeps = { ...testDriverDeps(cloud, {}, s.sshHosts), ...driver };
  await s.connections.createMissing(builtinConnections(listRegions()));
  let reconciler: Reconciler | null = null;
  const deps: ProvisioningDeps = {
    repo: s.mci,
    queue: s.queue,
    connections: s.connections,
    vault: testVault(s.credentials),
    driverFor: (c: ConnectionConfig) => wrap(createDriver(c, driverDeps)),
    clock: systemClock,
    installationId: await s.settings.installationId(),
    random: Math.random,
    vcpuQuota: () => config.vcpuQuota,
    kick: () => reconciler?.kick(),
  };
  await ensureDefaultNamespace(deps);
  const errors: unknown[] = [];
  reconciler = new Reconciler(deps, limits);
  reconciler.onError((_key, e) => errors.push(e));
  await reconciler.start();
  return {
    deps,
    reconciler,
    cloud,
    errors,
    rawDriver: async (name) => createDriver(await s.connections.get(name), driverDeps),
  };
}

/** Polls until `check` holds (the reconciler works in the background); fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > until) throw new Error(`${what} did not happen; last seen: ${JSON.stringify(last).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 25));
    last = await read();
  }
  return last;
}
