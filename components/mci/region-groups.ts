import type { VmStatus } from "@/lib/core/types";
import { countStatuses, type StatusCount } from "./mci-status";

type VmLike = { region: string; provider: string; latitude: number; longitude: number; status: VmStatus; pricePerHour: number };

/** The VMs of one region: what a marker on the MCI map stands for. */
export type RegionGroup = {
  key: string;
  provider: string;
  latitude: number;
  longitude: number;
  count: StatusCount;
};

/** VMs grouped per region, in a stable order (by key) so markers keep their identity between polls. */
export function groupByRegion(vms: readonly VmLike[]): RegionGroup[] {
  const byKey = new Map<string, { first: VmLike; statuses: VmStatus[] }>();
  for (const v of vms) {
    const g = byKey.get(v.region);
    if (g) g.statuses.push(v.status);
    else byKey.set(v.region, { first: v, statuses: [v.status] });
  }
  return [...byKey]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { first, statuses }]) => ({
      key,
      provider: first.provider,
      latitude: first.latitude,
      longitude: first.longitude,
      count: countStatuses(statuses),
    }));
}
