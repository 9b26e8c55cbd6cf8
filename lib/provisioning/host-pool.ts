import { ConflictError, InvalidArgumentError } from "@/lib/core/errors";
import { plural } from "@/lib/core/plural";
import type { ConnectionView } from "@/lib/validation/connections";
import type { SubGroupRequest } from "@/lib/validation/mci";
import type { ProvisioningDeps } from "./deps";
import type { PlannedSubGroup } from "./plan";

/** What a subgroup on an ssh connection stands for: `count` of its free hosts, whatever their shape. */
export const HOST_SPEC_NAME = "registered host";

export function isHostPool(connection: Pick<ConnectionView, "driver">): boolean {
  return connection.driver === "ssh";
}

/**
 * A subgroup on an ssh connection, planned from the hosts it will most likely take (the free ones,
 * in the order the driver claims them): their vCPUs and memory as the hosts reported them.
 */
export function planHostSubGroup(connection: ConnectionView, req: SubGroupRequest, name: string, where: (field: string) => string): PlannedSubGroup {
  for (const field of ["specId", "imageId"] as const) {
    if (req[field] !== undefined) throw new InvalidArgumentError(`${connection.name} is a pool of your own servers: a subgroup there takes only a count (a host is what it is); leave ${field} out`, where(field));
  }
  const free = connection.hosts.filter((h) => h.free);
  const likely = (free.length ? free : connection.hosts).slice(0, req.count);
  const perVm = Array.from({ length: req.count }, (_, i) => {
    const f = likely[i]?.facts;
    return { specName: f ? `${f.vcpu} vCPU, ${f.memoryGiB} GiB (${f.os})` : HOST_SPEC_NAME, vcpu: f?.vcpu ?? 0, memoryGiB: f?.memoryGiB ?? 0 };
  });
  return {
    name,
    connection,
    regionKey: connection.regionKey,
    specId: "",
    specName: HOST_SPEC_NAME,
    vcpu: perVm[0]?.vcpu ?? 0,
    memoryGiB: perVm[0]?.memoryGiB ?? 0,
    pricePerHour: 0,
    accelerator: false,
    imageId: "",
    count: req.count,
    perVm,
  };
}

/** Rows that hold a host or are about to: not yet terminated, and not failed before the driver took one. */
function holdsHost(r: { status: string; desired: string; cloudId: string | null }): boolean {
  if (r.status === "Terminated") return false;
  if (r.status === "Failed" && !r.cloudId) return false;
  return !(r.desired === "Removed" && !r.cloudId);
}

/**
 * Why the hosts of each ssh connection in the plan cannot all be had, or null when they can:
 * a host counts as taken when a VM holds it, or a VM row waits to claim one.
 */
export async function hostShortage(deps: ProvisioningDeps, plan: PlannedSubGroup[]): Promise<{ connection: string; message: string }[]> {
  const asked = new Map<string, { connection: ConnectionView; count: number }>();
  for (const sg of plan) {
    if (!isHostPool(sg.connection)) continue;
    const c = sg.connection as ConnectionView;
    asked.set(c.name, { connection: c, count: (asked.get(c.name)?.count ?? 0) + sg.count });
  }
  const out: { connection: string; message: string }[] = [];
  for (const { connection, count } of asked.values()) {
    const total = connection.hosts.length;
    const rows = (await deps.repo.vmsInConnection(connection.name)).filter(holdsHost);
    const free = Math.max(0, Math.min(connection.hosts.filter((h) => h.free).length, total - rows.length));
    if (count <= free) continue;
    const byMci = new Map<string, number>();
    for (const r of rows) byMci.set(r.mciId, (byMci.get(r.mciId) ?? 0) + 1);
    const users: string[] = [];
    for (const [mciId, n] of byMci) {
      const mci = await deps.repo.findMciHead(mciId);
      users.push(`${n} ${n === 1 ? "is" : "are"} used by MCI ${mci?.name ?? mciId}`);
    }
    const outside = total - free - rows.length;
    if (outside > 0) users.push(`${outside} ${outside === 1 ? "is" : "are"} held outside this installation's MCIs`);
    out.push({
      connection: connection.name,
      message: `${connection.name} has ${plural(free, "free host")} of ${total}${users.length ? `; ${users.join(", ")}` : ""}; ${plural(count, "VM")} asked for there`,
    });
  }
  return out;
}

/** Refuses (409) a request that asks an ssh connection for more hosts than it has free. */
export async function requireFreeHosts(deps: ProvisioningDeps, plan: PlannedSubGroup[]): Promise<void> {
  const short = await hostShortage(deps, plan);
  if (short.length) throw new ConflictError(`${short.map((s) => s.message).join("; ")}: terminate VMs there, add hosts, or ask for fewer`);
}
