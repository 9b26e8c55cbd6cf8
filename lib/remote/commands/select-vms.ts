import { ConflictError, InvalidArgumentError, NotFoundError } from "@/lib/core/errors";
import { plural } from "@/lib/core/plural";
import type { MciWithParts, VmRow } from "@/lib/store/mci";

const listed = (names: string[], max = 5) => names.slice(0, max).join(", ") + (names.length > max ? ` and ${names.length - max} more` : "");

/**
 * The VMs a command is for: every VM of the MCI, one subgroup's, or the ones named (within the
 * subgroup when both are given). Unknown names answer 404, a VM outside the subgroup 400, and a
 * choice with no Running VM 409: each says what there is to choose from.
 */
export function chooseVms(mci: MciWithParts, req: { subGroup?: string; vmIds?: string[] }): VmRow[] {
  let vms = mci.vms;
  if (req.subGroup !== undefined) {
    const sg = mci.subGroups.find((s) => s.name === req.subGroup);
    if (!sg) throw new NotFoundError(`MCI "${mci.name}" has no subgroup "${req.subGroup}"; it has ${listed(mci.subGroups.map((s) => s.name)) || "none"}`, "subGroup");
    vms = vms.filter((v) => v.subGroupId === sg.id);
  }
  if (req.vmIds) {
    const wanted = [...new Set(req.vmIds)];
    const byId = new Map(mci.vms.map((v) => [v.id, v]));
    const unknown = wanted.filter((id) => !byId.has(id));
    if (unknown.length) throw new NotFoundError(`MCI "${mci.name}" has no VM ${listed(unknown)}; GET /api/v1/ns/${mci.namespace}/mci/${mci.id} lists its VMs`, "vmIds");
    const inScope = new Set(vms.map((v) => v.id));
    const outside = wanted.filter((id) => !inScope.has(id));
    if (outside.length) throw new InvalidArgumentError(`${listed(outside.map((id) => byId.get(id)!.name))} ${outside.length === 1 ? "is" : "are"} not in subgroup "${req.subGroup}"; leave subGroup out or name VMs of it`, "vmIds");
    vms = wanted.map((id) => byId.get(id)!);
  }
  const where = req.subGroup !== undefined ? `subgroup "${req.subGroup}" of MCI "${mci.name}"` : `MCI "${mci.name}"`;
  if (!vms.length) throw new ConflictError(`${where} has no VMs to run a command on`);
  if (!vms.some((v) => v.status === "Running")) {
    const byStatus = new Map<string, number>();
    for (const v of vms) byStatus.set(v.status, (byStatus.get(v.status) ?? 0) + 1);
    const seen = [...byStatus].map(([s, n]) => `${n} ${s}`).join(", ");
    throw new ConflictError(`none of the ${plural(vms.length, "chosen VM")} is Running (${seen}); resume or wait for them, then run the command again`);
  }
  return vms;
}
