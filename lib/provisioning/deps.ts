import type { Clock } from "@/lib/core/clock";
import type { CloudDriver, ConnectionConfig } from "@/lib/drivers/types";
import type { ConnectionRepository } from "@/lib/store/connections";
import type { MciRepository } from "@/lib/store/mci";
import type { WorkQueueRepository } from "@/lib/store/work-queue";

/** Everything provisioning needs from the outside, so tests can hand it a fake driver and clock. */
export interface ProvisioningDeps {
  repo: MciRepository;
  queue: WorkQueueRepository;
  connections: ConnectionRepository;
  driverFor(connection: ConnectionConfig): CloudDriver;
  clock: Clock;
  random: () => number;
  /** vCPUs an account may hold in one connection's region, when the cloud says (for review warnings). */
  vcpuQuota(connection: ConnectionConfig): number | null;
  /** Wakes the reconciler when new work is queued (no-op when none runs, e.g. in a dry run). */
  kick(): void;
}

export const OWNER_TAG = "barista-owner";
export const MANAGED_TAG = "barista-managed";
export const NAMESPACE_TAG = "barista-ns";
