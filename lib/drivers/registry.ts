import { DRIVER_KINDS } from "@/lib/core/drivers";
import { NotSupportedError } from "@/lib/core/errors";
import type { SimCloud } from "./sim/cloud";
import { SimDriver } from "./sim/sim-driver";
import type { CloudDriver, ConnectionConfig } from "./types";


export interface DriverDeps {
  sim: SimCloud;
}

export function createDriver(connection: ConnectionConfig, deps: DriverDeps): CloudDriver {
  switch (connection.driver) {
    case "sim":
      return new SimDriver(connection, deps.sim);
    default:
      throw new NotSupportedError(`no driver named "${connection.driver}"; available: ${DRIVER_KINDS.join(", ")}`);
  }
}
