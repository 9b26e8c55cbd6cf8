import { countStatuses, type StatusCount } from "@/lib/core/mci-status";
import type { VmStatus } from "@/lib/core/types";

type VmLike = { id: string; region: string; provider: string; latitude: number; longitude: number; status: VmStatus; pricePerHour: number };

/** The VMs of one region: what a marker on the MCI map stands for. */
export type RegionGroup = {
  key: string;
  provider: string;
  latitude: number;
  longitude: number;
  count: StatusCount;
  /** Its VMs' ids, in the order they came. */
  vmIds: string[];
};

/** VMs grouped per region, in a stable order (by key) so markers keep their identity between polls. */
export function groupByRegion(vms: readonly VmLike[]): RegionGroup[] {
  const byKey = new Map<string, { first: VmLike; statuses: VmStatus[]; vmIds: string[] }>();
  for (const v of vms) {
    const g = byKey.get(v.region);
    if (g) {
      g.statuses.push(v.status);
      g.vmIds.push(v.id);
    } else byKey.set(v.region, { first: v, statuses: [v.status], vmIds: [v.id] });
  }
  return [...byKey]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { first, statuses, vmIds }]) => ({
      key,
      provider: first.provider,
      latitude: first.latitude,
      longitude: first.longitude,
      count: countStatuses(statuses),
      vmIds,
    }));
}
