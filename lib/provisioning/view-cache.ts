import { createHash } from "node:crypto";
import type { ProvisioningDeps } from "./deps";
import { toMciView } from "./view";

const MAX_ENTRIES = 64;
/**
 * The version only counts this server's writes; other servers sharing the database write too
 * (their reconcilers deploy), so a view older than this is built again whatever the version says.
 */
const MAX_AGE_MS = 1_000;

export interface CachedView {
  etag: string;
  json: string;
}

const cache = new Map<string, { version: number; namespace: string; at: number; view: CachedView }>();

/**
 * The MCI's view as JSON, rebuilt only when something about the MCI was written since (or, for
 * what other servers wrote, a second passed): fifty
 * browsers polling a 1,000-VM MCI every second then cost a map lookup each, not a query, a
 * serialization each, and a poller that already has this version gets 304.
 */
export async function cachedMciView(deps: ProvisioningDeps, namespace: string, id: string): Promise<CachedView> {
  // Read the version before the rows: a write racing the read leaves the entry stale by one version, never wrong for good.
  const version = deps.repo.version(id);
  const now = deps.clock.now();
  const hit = cache.get(id);
  if (hit && hit.version === version && hit.namespace === namespace && now - hit.at < MAX_AGE_MS) return hit.view;
  const json = JSON.stringify(toMciView(await deps.repo.getMci(namespace, id)));
  // The tag is the content's: whichever server built the view, the same content has the same tag.
  const view: CachedView = hit?.view.json === json ? hit.view : { etag: `W/"${id}-${createHash("sha256").update(json).digest("base64url").slice(0, 22)}"`, json };
  cache.delete(id);
  cache.set(id, { version, namespace, at: now, view });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return view;
}
