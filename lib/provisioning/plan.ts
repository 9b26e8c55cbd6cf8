import { getImage, getRegion, getSpec, defaultImage } from "@/lib/catalogue";
import { InvalidArgumentError, NotFoundError } from "@/lib/core/errors";
import type { ConnectionConfig } from "@/lib/drivers/types";
import type { MciReview, SubGroupRequest } from "@/lib/validation/mci";
import type { ProvisioningDeps } from "./deps";
import { hostShortage, isHostPool, planHostSubGroup } from "./host-pool";

export const HOURS_PER_MONTH = 730;

export interface PlannedSubGroup {
  name: string;
  connection: ConnectionConfig;
  regionKey: string;
  specId: string;
  specName: string;
  vcpu: number;
  memoryGiB: number;
  pricePerHour: number;
  accelerator: boolean;
  imageId: string;
  count: number;
  /** A pool of registered hosts: each VM's shape, read from the host it will likely take. */
  perVm?: { specName: string; vcpu: number; memoryGiB: number }[];
}

/**
 * Resolves each requested subgroup against the connections and the catalogue; says what to fix when
 * one cannot be, at the field's path: `at(i)` is where request i sits in the caller's request.
 */
export async function resolveSubGroups(deps: ProvisioningDeps, requests: SubGroupRequest[], taken: Set<string> = new Set(), at = (i: number) => `subGroups.${i}`): Promise<PlannedSubGroup[]> {
  const connections = await deps.connections.list();
  const out: PlannedSubGroup[] = [];
  const names = new Set(taken);
  for (const [i, req] of requests.entries()) {
    const where = (field: string) => [at(i), field].filter(Boolean).join(".");
    const connection = req.connection
      ? connections.find((c) => c.name === req.connection)
      : (connections.find((c) => c.regionKey === req.region && c.name === req.region) ?? connections.find((c) => c.regionKey === req.region));
    if (!connection) {
      if (req.region && !getRegion(req.region)) throw new NotFoundError(`no region "${req.region}"; GET /api/v1/regions lists them`, where("region"));
      throw req.connection
        ? new InvalidArgumentError(`no connection named "${req.connection}"`, where("connection"))
        : new InvalidArgumentError(`no connection to ${req.region}; add one on the Connections page`, where("region"));
    }
    let name = req.name ?? connection.regionKey;
    if (names.has(name)) {
      if (req.name) throw new InvalidArgumentError(`subgroup "${name}" appears twice; give each subgroup its own name`, where("name"));
      let n = 2;
      while (names.has(`${name}-${n}`)) n++;
      name = `${name}-${n}`;
    }
    names.add(name);
    if (isHostPool(connection)) {
      out.push(planHostSubGroup(connection, req, name, where));
      continue;
    }
    if (!req.specId) throw new InvalidArgumentError(`a subgroup on ${connection.name} needs a specId; GET /api/v1/regions/${connection.regionKey}/specs lists them (only ssh connections take none)`, where("specId"));
    const spec = getSpec(connection.regionKey, req.specId);
    if (!spec) throw new InvalidArgumentError(`${connection.regionKey} offers no spec "${req.specId}"; GET /api/v1/regions/${connection.regionKey}/specs lists them`, where("specId"));
    const imageId = req.imageId ?? defaultImage(connection.provider).id;
    if (!getImage(connection.regionKey, imageId)) throw new InvalidArgumentError(`${connection.regionKey} has no image "${imageId}"; GET /api/v1/regions/${connection.regionKey}/images lists them`, where("imageId"));
    out.push({ name, connection, regionKey: connection.regionKey, specId: spec.id, specName: spec.name, vcpu: spec.vcpu, memoryGiB: spec.memoryGiB, pricePerHour: spec.pricePerHour, accelerator: Boolean(spec.accelerator), imageId, count: req.count });
  }
  return out;
}

/** Tumblebug's dry-run review: every VM to be made, what it costs, and what may stop it. */
export async function reviewPlan(deps: ProvisioningDeps, name: string, policy: MciReview["policy"], plan: PlannedSubGroup[], vmNames: (sg: PlannedSubGroup) => string[]): Promise<MciReview> {
  const vms: MciReview["vms"] = [];
  const warnings: MciReview["warnings"] = [];
  const vcpuByConnection = new Map<string, number>();
  for (const sg of plan) {
    const place = placeOf(sg);
    for (const [i, vmName] of vmNames(sg).entries()) {
      const shape = sg.perVm?.[i] ?? sg;
      vms.push({ name: vmName, subGroup: sg.name, connection: sg.connection.name, region: sg.regionKey, ...place, specId: sg.specId, specName: shape.specName, vcpu: shape.vcpu, memoryGiB: shape.memoryGiB, imageId: sg.imageId, pricePerHour: sg.pricePerHour });
    }
    vcpuByConnection.set(sg.connection.name, (vcpuByConnection.get(sg.connection.name) ?? 0) + sg.vcpu * sg.count);
    if (sg.accelerator) warnings.push({ subGroup: sg.name, kind: "capacity", message: `${sg.specName} carries an accelerator: GPU capacity is often short; the VM may wait or fail for capacity` });
    if (sg.pricePerHour * sg.count > 50) warnings.push({ subGroup: sg.name, kind: "cost", message: `${sg.count} × ${sg.specName} cost $${(sg.pricePerHour * sg.count).toFixed(2)}/h` });
  }
  for (const [conn, vcpu] of vcpuByConnection) {
    const connection = plan.find((p) => p.connection.name === conn)!.connection;
    const quota = deps.vcpuQuota(connection);
    if (quota === null) continue;
    const inUse = await usedVcpu(deps, conn);
    if (inUse + vcpu > quota) {
      warnings.push({ subGroup: null, kind: "quota", message: `${conn}: ${vcpu} vCPU requested + ${inUse} in use exceeds the quota of ${quota} vCPU; some VMs will fail with QuotaExceeded` });
    }
  }
  for (const s of await hostShortage(deps, plan)) warnings.push({ subGroup: null, kind: "capacity", message: s.message });
  const subGroups = plan.map((sg) => ({ name: sg.name, connection: sg.connection.name, region: sg.regionKey, specId: sg.specId, imageId: sg.imageId, count: sg.count, costPerHour: round(sg.pricePerHour * sg.count) }));
  const costPerHour = round(plan.reduce((s, sg) => s + sg.pricePerHour * sg.count, 0));
  return { name, policy, vms, subGroups, costPerHour, costPerMonth: round(costPerHour * HOURS_PER_MONTH), warnings };
}

/** Where a subgroup's VMs stand: the catalogue's region, or an ssh connection's own location. */
function placeOf(sg: PlannedSubGroup): { regionName: string; latitude: number; longitude: number } {
  const region = getRegion(sg.regionKey);
  if (region) return { regionName: region.name, latitude: region.latitude, longitude: region.longitude };
  const at = (sg.connection as { location?: { latitude: number; longitude: number } | null }).location;
  return { regionName: sg.connection.region, latitude: at?.latitude ?? 0, longitude: at?.longitude ?? 0 };
}

async function usedVcpu(deps: ProvisioningDeps, connection: string): Promise<number> {
  const rows = await deps.repo.vmsInConnection(connection);
  let sum = 0;
  for (const r of rows) if (r.status !== "Terminated" && r.status !== "Failed") sum += getSpec(r.regionKey, r.specId)?.vcpu ?? 0;
  return sum;
}

export function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
