import { DRIVER_KINDS } from "@/lib/core/drivers";
import { NotSupportedError } from "@/lib/core/errors";
import type { Secrets } from "@/lib/secrets";
import type { SshPool } from "@/lib/remote/ssh-pool";
import { AwsDriver } from "./aws/aws-driver";
import type { SimCloud } from "./sim/cloud";
import { SimDriver } from "./sim/sim-driver";
import type { SshHostStore } from "./ssh/host-store";
import { SshDriver } from "./ssh/ssh-driver";
import type { CloudDriver, ConnectionConfig } from "./types";


export interface DriverDeps {
  sim: SimCloud;
  /** A connection's credential in clear, from the vault (for the drivers that sign in with one). */
  secrets(credential: string): Promise<Secrets>;
  /** The process's SSH connections, shared by drivers that log in to hosts and by remote commands. */
  ssh: SshPool;
  /** The ssh connections' registered hosts and their claims. */
  sshHosts: SshHostStore;
}

export function createDriver(connection: ConnectionConfig, deps: DriverDeps): CloudDriver {
  switch (connection.driver) {
    case "sim":
      return new SimDriver(connection, deps.sim);
    case "aws":
      return new AwsDriver(connection, () => deps.secrets(connection.credential));
    case "ssh":
      return new SshDriver(connection, { hosts: deps.sshHosts, ssh: deps.ssh, secrets: deps.secrets });
    default:
      throw new NotSupportedError(`no driver named "${connection.driver}"; available: ${DRIVER_KINDS.join(", ")}`);
  }
}
