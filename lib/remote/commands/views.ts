import type { CommandRow, CommandVmRow, CommandWithVms } from "@/lib/store/commands";
import { COMMAND_VM_STATUSES, type CommandSummary } from "@/lib/validation/commands";
import type { CommandStatus, CommandView, CommandVmStatus, CommandVmView } from "./types";

export function emptyCounts(): Record<CommandVmStatus, number> {
  return Object.fromEntries(COMMAND_VM_STATUSES.map((s) => [s, 0])) as Record<CommandVmStatus, number>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toVmView(v: CommandVmRow): CommandVmView {
  return {
    vmId: v.vmId,
    vmName: v.vmName,
    status: v.status as CommandVmStatus,
    exitCode: v.exitCode,
    stdout: v.stdout,
    stderr: v.stderr,
    truncated: v.truncated,
    message: v.message,
    startedAt: iso(v.startedAt),
    endedAt: iso(v.endedAt),
  };
}

function commandFields(c: CommandRow) {
  return {
    id: c.id,
    mciId: c.mciId,
    namespace: c.namespace,
    command: c.command,
    subGroup: c.subGroup,
    vmIds: c.vmIds ? (JSON.parse(c.vmIds) as string[]) : null,
    timeoutSeconds: c.timeoutSeconds,
    concurrency: c.concurrency,
    status: c.status as CommandStatus,
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdBy,
    endedAt: iso(c.endedAt),
  };
}

/** Counts are computed from the VMs, so they always agree with them. */
export function countStatuses(vms: { status: CommandVmStatus }[]): Record<CommandVmStatus, number> {
  const counts = emptyCounts();
  for (const v of vms) counts[v.status] += 1;
  return counts;
}

export function toCommandView(c: CommandWithVms): CommandView {
  const vms = c.vms.map(toVmView);
  return { ...commandFields(c), counts: countStatuses(vms), vms };
}

export function toSummary(c: CommandRow & { statusCounts: Record<string, number> }): CommandSummary {
  const counts = emptyCounts();
  let vmCount = 0;
  for (const [status, n] of Object.entries(c.statusCounts) as [string, number][]) {
    if (status in counts) counts[status as CommandVmStatus] = n;
    vmCount += n;
  }
  return { ...commandFields(c), counts, vmCount };
}
