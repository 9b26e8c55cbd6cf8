import type { ProviderId } from "./types";

export type VmOperation = "create" | "suspend" | "resume" | "reboot" | "terminate";

/**
 * Typical seconds per VM operation on each provider at real speed. Figures are rounded from what
 * users report for each provider's console (EC2 and GCE boot in well under a minute; Azure, IBM
 * and the Korean clouds take one to two minutes), not from a benchmark of ours. The simulator
 * takes this long; the reconciler starts the slowest VMs first so a deployment ends with them.
 */
const SECONDS: Record<string, Record<VmOperation, number>> = {
  aws: { create: 45, suspend: 40, resume: 35, reboot: 25, terminate: 45 },
  gcp: { create: 35, suspend: 30, resume: 30, reboot: 20, terminate: 40 },
  azure: { create: 95, suspend: 60, resume: 60, reboot: 45, terminate: 70 },
  alibaba: { create: 50, suspend: 35, resume: 35, reboot: 25, terminate: 40 },
  tencent: { create: 50, suspend: 35, resume: 35, reboot: 25, terminate: 40 },
  ibm: { create: 85, suspend: 60, resume: 60, reboot: 40, terminate: 60 },
  ncp: { create: 100, suspend: 60, resume: 60, reboot: 50, terminate: 80 },
  nhn: { create: 80, suspend: 50, resume: 50, reboot: 40, terminate: 60 },
  kt: { create: 95, suspend: 60, resume: 60, reboot: 50, terminate: 80 },
  openstack: { create: 60, suspend: 30, resume: 30, reboot: 25, terminate: 30 },
};

export function typicalSeconds(provider: ProviderId, op: VmOperation): number {
  return (SECONDS[provider] ?? SECONDS[provider.split("-")[0]] ?? SECONDS.openstack)[op];
}
