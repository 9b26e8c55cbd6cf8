import { listRegions } from "@/lib/catalogue";
import type { ConnectionDeps } from "@/lib/provisioning/connections";
import type { ProvisioningDeps } from "@/lib/provisioning/deps";
import { Reconciler } from "@/lib/provisioning/reconciler/runner";
import { createDriver } from "@/lib/drivers/registry";
import { SimCloud } from "@/lib/drivers/sim/cloud";
import { simConfigFromEnv } from "@/lib/drivers/sim/config";
import type { ConnectionConfig } from "@/lib/drivers/types";
import { createLatencyModel, type LatencyModel } from "@/lib/placement/latency";
import { stores, type Stores } from "@/lib/store";

/** The composition root: the one place where storage, drivers, the clock and the models meet. */
export interface Runtime {
  stores: Stores;
  sim: SimCloud;
  latency: LatencyModel;
  connections: ConnectionDeps;
  provisioning: ProvisioningDeps;
  reconciler: Reconciler;
}

const globalRuntime = globalThis as unknown as { baristaRuntime?: Runtime };

export function runtime(): Runtime {
  if (!globalRuntime.baristaRuntime) {
    const s = stores();
    const config = simConfigFromEnv();
    const sim = new SimCloud(s.sim, config);
    const driverFor = (c: ConnectionConfig) => createDriver(c, { sim });
    let reconciler: Reconciler | null = null;
    const provisioning: ProvisioningDeps = {
      repo: s.mci,
      queue: s.queue,
      connections: s.connections,
      driverFor,
      clock: config.clock,
      random: Math.random,
      vcpuQuota: (c) => (c.driver === "sim" ? config.vcpuQuota : null),
      kick: () => reconciler?.kick(),
    };
    reconciler = new Reconciler(provisioning);
    reconciler.onError((key, e) => console.error(`[barista] reconciler ${key}:`, e));
    globalRuntime.baristaRuntime = {
      stores: s,
      sim,
      latency: createLatencyModel(listRegions()),
      connections: { repo: s.connections, driverFor, clock: config.clock },
      provisioning,
      reconciler,
    };
  }
  return globalRuntime.baristaRuntime;
}
