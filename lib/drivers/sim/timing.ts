import type { ProviderId } from "@/lib/core/types";
import { unit } from "./random";

export type SimOperation = "create" | "suspend" | "resume" | "reboot" | "terminate";

/**
 * Typical seconds per operation at real speed. Figures are rounded from what users report for each
 * provider's console (EC2 and GCE boot in well under a minute; Azure, IBM and the Korean clouds
 * take one to two minutes), not from a benchmark of ours.
 */
const SECONDS: Record<string, Record<SimOperation, number>> = {
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

/** ±30% spread, drawn from the seed and the resource, so a run can be replayed. */
const SPREAD = 0.3;

export function operationMs(provider: ProviderId, op: SimOperation, speed: number, seed: string, resourceId: string, attempt = 0): number {
  const base = (SECONDS[provider] ?? SECONDS[provider.split("-")[0]] ?? SECONDS.openstack)[op];
  const factor = 1 - SPREAD + 2 * SPREAD * unit(seed, "duration", op, resourceId, attempt);
  return Math.max(1, Math.round((base * factor * 1000) / speed));
}
