import { NotFoundError } from "@/lib/core/errors";
import { SshPool } from "@/lib/remote/ssh-pool";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import type { Secrets } from "@/lib/secrets";
import type { DriverDeps } from "./registry";
import type { SimCloud } from "./sim/cloud";
import type { SshHostStore } from "./ssh/host-store";
import { memorySshHosts } from "./ssh/memory-host-store";

/**
 * Driver dependencies for tests: the given simulator, SSH with pins in memory, these credentials,
 * and the ssh connections' hosts (in memory unless given).
 */
export function testDriverDeps(sim: SimCloud, credentials: Record<string, Secrets> = {}, sshHosts: SshHostStore = memorySshHosts()): DriverDeps {
  return {
    sim,
    sshHosts,
    ssh: new SshPool({ pins: memoryPins() }),
    async secrets(name) {
      const found = credentials[name];
      if (!found) throw new NotFoundError(`credential "${name}" is not in the test vault`);
      return found;
    },
  };
}
