import { NotFoundError } from "@/lib/core/errors";
import { SshPool } from "@/lib/remote/ssh-pool";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import type { Secrets } from "@/lib/secrets";
import type { DriverDeps } from "./registry";
import type { SimCloud } from "./sim/cloud";

/** Driver dependencies for tests: the given simulator, SSH with pins in memory, and these credentials. */
export function testDriverDeps(sim: SimCloud, credentials: Record<string, Secrets> = {}): DriverDeps {
  return {
    sim,
    ssh: new SshPool({ pins: memoryPins() }),
    async secrets(name) {
      const found = credentials[name];
      if (!found) throw new NotFoundError(`credential "${name}" is not in the test vault`);
      return found;
    },
  };
}
