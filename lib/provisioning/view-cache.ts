import type { ProvisioningDeps } from "./deps";
import { toMciView } from "./view";

const MAX_ENTRIES = 64;
/** Versions restart at zero with the process; this keeps an old tag from matching a new view. */
const BOOT = Date.now().toString(36);

export interface CachedView {
  etag: string;
  json: string;
}

const cache = new Map<string, { version: number; namespace: string; view: CachedView }>();

/**
 * The MCI's view as JSON, rebuilt only when something about the MCI was written since: fifty
 * browsers polling a 1,000-VM MCI every second then cost a map lookup each, not a query, a
 * serialization each, and a poller that already has this version gets 304.
 */
export async function cachedMciView(deps: ProvisioningDeps, namespace: string, id: string): Promise<CachedView> {
  // Read the version before the rows: a write racing the read leaves the entry stale by one version, never wrong for good.
  const version = deps.repo.version(id);
  const hit = cache.get(id);
  if (hit && hit.version === version && hit.namespace === namespace) return hit.view;
  const json = JSON.stringify(toMciView(await deps.repo.getMci(namespace, id)));
  const view: CachedView = { etag: `W/"${id}-${BOOT}-${version}"`, json };
  cache.delete(id);
  cache.set(id, { version, namespace, view });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return view;
}
