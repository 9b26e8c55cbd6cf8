import { listRegions } from "@/lib/catalogue";
import type { ConnectionDeps } from "@/lib/provisioning/connections";
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
}

const globalRuntime = globalThis as unknown as { baristaRuntime?: Runtime };

export function runtime(): Runtime {
  if (!globalRuntime.baristaRuntime) {
    const s = stores();
    const config = simConfigFromEnv();
    const sim = new SimCloud(s.sim, config);
    const driverFor = (c: ConnectionConfig) => createDriver(c, { sim });
    globalRuntime.baristaRuntime = {
      stores: s,
      sim,
      latency: createLatencyModel(listRegions()),
      connections: { repo: s.connections, driverFor, clock: config.clock },
    };
  }
  return globalRuntime.baristaRuntime;
}
