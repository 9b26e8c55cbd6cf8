import { typicalSeconds, type VmOperation } from "@/lib/core/provider-timing";
import type { ProviderId } from "@/lib/core/types";
import { unit } from "./random";

export type SimOperation = VmOperation;

/** ±30% spread, drawn from the seed and the resource, so a run can be replayed. */
const SPREAD = 0.3;

export function operationMs(provider: ProviderId, op: SimOperation, speed: number, seed: string, resourceId: string, attempt = 0): number {
  const base = typicalSeconds(provider, op);
  const factor = 1 - SPREAD + 2 * SPREAD * unit(seed, "duration", op, resourceId, attempt);
  return Math.max(1, Math.round((base * factor * 1000) / speed));
}
