import { getRegion } from "@/lib/catalogue";
import { isAtRest } from "@/lib/core/lifecycle";
import { aggregateStatus } from "@/lib/core/mci-status";
import type { VmStatus } from "@/lib/core/types";
import type { FleetRows } from "@/lib/store/mci";
import type { FleetMci, FleetNamespace, FleetRegion, FleetView } from "@/lib/validation/fleet";

type ByStatus = Partial<Record<VmStatus, number>>;

function add(byStatus: ByStatus, status: VmStatus, n = 1): void {
  byStatus[status] = (byStatus[status] ?? 0) + n;
}

/** Where a VM is drawn: its catalogue region, or the place its ssh connection was registered at. */
function placeOf(v: FleetRows["vms"][number], places: FleetRows["places"]) {
  const region = getRegion(v.regionKey);
  if (region) return { key: region.key, name: region.name, provider: region.provider, latitude: region.latitude, longitude: region.longitude };
  const place = places[v.connection];
  if (place) return { key: `ssh:${v.connection}`, name: place.label || v.connection, provider: "ssh", latitude: place.latitude, longitude: place.longitude };
  return null;
}

type RegionAcc = Omit<FleetRegion, "mcis" | "cpu"> & { cpuSum: number; perMci: Map<number, number> };

/**
 * The fleet as the home map draws it: every VM of the MCIs in namespaces `mayRead` lets through,
 * counted per region (by status, with the average of the VMs' latest CPU value), per MCI and per
 * namespace. A
 * list of VMs would be megabytes for 10,000 of them; this is a few hundred bytes per region.
 * One pass over the VMs, so 10,000 VMs cost milliseconds.
 */
export function aggregateFleet(rows: FleetRows, cpu: ReadonlyMap<string, number>, mayRead: (namespace: string) => boolean): FleetView {
  const mcis = rows.mcis.filter((m) => mayRead(m.namespace));
  const index = new Map(mcis.map((m, i) => [m.id, i]));
  const wishes: Parameters<typeof aggregateStatus>[0][number][][] = mcis.map(() => []);
  const regions = new Map<string, RegionAcc>();
  const byStatus: ByStatus = {};
  let vmCount = 0;
  for (const v of rows.vms) {
    const i = index.get(v.mciId);
    if (i === undefined) continue;
    const status = v.status as VmStatus;
    wishes[i].push({ status, desired: v.desired, rebootPending: v.rebootWanted > v.rebootDone });
    vmCount++;
    add(byStatus, status);
    const place = placeOf(v, rows.places);
    // A VM on a host whose connection has no place yet is counted, but drawn nowhere.
    if (!place) continue;
    let r = regions.get(place.key);
    if (!r) regions.set(place.key, (r = { ...place, total: 0, byStatus: {}, cpuReporting: 0, cpuSum: 0, perMci: new Map() }));
    r.total++;
    add(r.byStatus, status);
    r.perMci.set(i, (r.perMci.get(i) ?? 0) + 1);
    const value = isAtRest(status) ? undefined : cpu.get(v.id);
    if (value !== undefined) {
      r.cpuReporting++;
      r.cpuSum += value;
    }
  }
  const perNamespace = new Map<string, FleetNamespace>();
  const fleetMcis: FleetMci[] = mcis.map((m, i) => {
    const { status, state } = aggregateStatus(wishes[i], m.deleting);
    let ns = perNamespace.get(m.namespace);
    if (!ns) perNamespace.set(m.namespace, (ns = { name: m.namespace, vms: 0, mcis: 0 }));
    ns.vms += state.total;
    ns.mcis++;
    return { namespace: m.namespace, id: m.id, name: m.name, status, leading: state.leading, total: state.total };
  });
  return {
    // Sorted by key so a marker keeps its identity from one poll to the next.
    regions: [...regions.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map(({ cpuSum, perMci, ...r }) => ({
        ...r,
        cpu: r.cpuReporting > 0 ? Math.round((cpuSum / r.cpuReporting) * 10) / 10 : null,
        mcis: [...perMci].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([mci, count]) => ({ mci, count })),
      })),
    mcis: fleetMcis,
    namespaces: [...perNamespace.values()].sort((a, b) => a.name.localeCompare(b.name)),
    totals: { vms: vmCount, mcis: mcis.length, namespaces: perNamespace.size, regions: regions.size, byStatus },
  };
}
