/** What a delta needs of a VM's view: its id, and its name for the list's order. */
export interface DeltaVm {
  id: string;
  name: string;
}

/** What a delta needs of an MCI's view: its VM list; every other field is the MCI's own. */
export interface DeltaView<V extends DeltaVm = DeltaVm> {
  vms: V[];
}

/** What changed between two views of one MCI; an absent part did not change. */
export interface MciDelta<M extends DeltaView<V>, V extends DeltaVm = M["vms"][number]> {
  /** Top-level fields whose value changed, each whole (status, statusCount, costPerHour, subGroups …). */
  mci?: Partial<Omit<M, "vms">>;
  /** VMs that are new or changed, each whole. */
  vms?: V[];
  /** Ids of VMs that are gone. */
  removed?: string[];
}

/** The order of the view's VM list: by name, as SQLite's binary collation sorts the names Barista makes. */
export function compareVmNames(a: DeltaVm, b: DeltaVm): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * What a watcher needs to turn `prev` into `next`. A VM whose view is the same object in both is
 * taken as unchanged without serializing it: a poller that remakes only the views of changed rows
 * then pays for those alone, however large the MCI.
 */
export function diffMciViews<M extends DeltaView<V>, V extends DeltaVm = M["vms"][number]>(prev: M, next: M): MciDelta<M, V> | null {
  const delta: MciDelta<M, V> = {};
  const fields = diffMciFields(prev, next);
  if (fields) delta.mci = fields;
  const before = new Map(prev.vms.map((v) => [v.id, v]));
  const changed: V[] = [];
  for (const vm of next.vms) {
    const old = before.get(vm.id);
    before.delete(vm.id);
    if (old !== vm && (!old || JSON.stringify(old) !== JSON.stringify(vm))) changed.push(vm);
  }
  if (changed.length) delta.vms = changed;
  if (before.size) delta.removed = [...before.keys()];
  return delta.mci || delta.vms || delta.removed ? delta : null;
}

function diffMciFields<M extends DeltaView>(prev: M, next: M): Partial<Omit<M, "vms">> | null {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const key of Object.keys(next) as (keyof M)[]) {
    if (key === "vms") continue;
    if (prev[key] === next[key] || JSON.stringify(prev[key]) === JSON.stringify(next[key])) continue;
    out[key as string] = next[key];
    any = true;
  }
  return any ? (out as Partial<Omit<M, "vms">>) : null;
}

/**
 * A view with a delta applied: changed VMs replaced where they stand, new ones placed in name
 * order, removed ones dropped. Returns a new object; unchanged VM views are kept as they were,
 * so a page's memoized parts that depend on them need not redo their work.
 */
export function applyMciDelta<M extends DeltaView<V>, V extends DeltaVm = M["vms"][number]>(view: M, delta: MciDelta<M, V>): M {
  let vms = view.vms;
  if (delta.removed?.length) {
    const gone = new Set(delta.removed);
    vms = vms.filter((v) => !gone.has(v.id));
  }
  if (delta.vms?.length) {
    const incoming = new Map<string, V>(delta.vms.map((v) => [v.id, v]));
    vms = vms.map((v) => {
      const next = incoming.get(v.id);
      if (!next) return v;
      incoming.delete(v.id);
      return next;
    });
    if (incoming.size) vms = [...vms, ...incoming.values()].sort(compareVmNames);
  }
  return { ...view, ...delta.mci, vms };
}
