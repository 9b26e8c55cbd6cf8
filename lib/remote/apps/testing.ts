import { systemClock } from "@/lib/core/clock";
import { NotSupportedError } from "@/lib/core/errors";
import type { CloudDriver, ConnectionConfig } from "@/lib/drivers/types";
import { stores, type Database } from "@/lib/store";
import { recipeSchema, type Recipe } from "@/lib/validation/apps";
import type { CommandEngine } from "@/lib/remote/commands";
import { AppCatalogue } from "./catalogue";
import { AppInstaller } from "./installer";
import type { LoadedRecipe } from "./loader";
import type { AppDeps } from "./types";

/** A recipe as a file would hold it (defaults filled in by the same schema). */
export function testRecipe(r: Record<string, unknown>): LoadedRecipe {
  return { ...(recipeSchema.parse({ name: `Test ${String(r.id)}`, version: "1.0.0", description: "A test app.", ports: [], ...r }) as Recipe), file: `test/${String(r.id)}.yaml` };
}

/** A driver over registered hosts: their firewall is their owner's. */
export const hostsDriver = (): Pick<CloudDriver, "addSecurityRules"> => ({
  addSecurityRules: async () => {
    throw new NotSupportedError("the hosts' firewall is their owner's");
  },
});

/**
 * An installer over a real database, with the test's own recipes and command engine; without
 * `more`, the VMs' connections are registered hosts (no security group to open ports in).
 */
export function makeInstaller(prisma: Database, engine: Pick<CommandEngine, "start" | "result">, recipes: LoadedRecipe[], more: Partial<AppDeps> = {}): AppInstaller {
  const s = stores(prisma);
  return new AppInstaller({
    apps: s.apps,
    catalogue: new AppCatalogue(recipes),
    mcis: { getMci: (ns, id) => s.mci.getMci(ns, id), findShared: async (namespace, connection) => ({ id: "shared", namespace, connection, status: "Ready", vNetId: "vnet", subnetId: "subnet", securityGroupId: "sg-hosts", keyPairId: "key", error: null, createdAt: new Date(), updatedAt: new Date() }) },
    connections: { config: async (name): Promise<ConnectionConfig> => ({ name, driver: "ssh", provider: "ssh", region: name, credential: "none" }) },
    driverFor: hostsDriver,
    commands: engine,
    clock: systemClock,
    sleep: async () => undefined,
    ...more,
  });
}
