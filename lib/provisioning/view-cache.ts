import type { ProvisioningDeps } from "./deps";
import { toMciView } from "./view";

const MAX_ENTRIES = 64;
const cache = new Map<string, { version: number; namespace: string; json: string }>();

/**
 * The MCI's view as JSON, rebuilt only when something about the MCI was written since: fifty
 * browsers polling a 1,000-VM MCI every second then cost a map lookup each, not a query and a
 * serialization each.
 */
export async function mciJson(deps: ProvisioningDeps, namespace: string, id: string): Promise<string> {
  // Read the version before the rows: a write racing the read leaves the entry stale by one version, never wrong for good.
  const version = deps.repo.version(id);
  const hit = cache.get(id);
  if (hit && hit.version === version && hit.namespace === namespace) return hit.json;
  const json = JSON.stringify(toMciView(await deps.repo.getMci(namespace, id)));
  cache.delete(id);
  cache.set(id, { version, namespace, json });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return json;
}
