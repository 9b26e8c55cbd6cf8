import type { VmAppState } from "./use-apps";

const ORDER = ["running", "installing", "failed"] as const;

/**
 * Per region, one line per app of its VMs' app states (`nginx: 2 running, 1 failed`), for the
 * map's region tooltips; regions without an app are left out.
 */
export function regionAppSummary(groups: readonly { key: string; vmIds: readonly string[] }[], states: ReadonlyMap<string, readonly VmAppState[]>): Map<string, string> {
  const out = new Map<string, string>();
  if (!states.size) return out;
  for (const g of groups) {
    const perApp = new Map<string, Record<(typeof ORDER)[number], number>>();
    for (const id of g.vmIds) {
      for (const s of states.get(id) ?? []) {
        const c = perApp.get(s.app) ?? { running: 0, installing: 0, failed: 0 };
        c[s.state] += 1;
        perApp.set(s.app, c);
      }
    }
    if (!perApp.size) continue;
    const lines = [...perApp].sort(([a], [b]) => a.localeCompare(b)).map(([app, c]) => `${app}: ${ORDER.filter((s) => c[s]).map((s) => `${c[s]} ${s}`).join(", ")}`);
    out.set(g.key, lines.join("\n"));
  }
  return out;
}
