import type { VmStatus } from "@/lib/core/types";

/** The fields of an MCI the deployment clock reads (the REST view has them all). */
export type ClockMci = {
  createdAt: string;
  state: { busy: boolean };
  vms: readonly { createdAt: string; status: VmStatus; history: readonly { status: VmStatus; at: string }[] }[];
};

export type DeploymentSpan = { startedAt: number; /** null while the deployment still runs. */ endedAt: number | null };

/**
 * A deployment starts when the MCI is created and ends when its last VM first leaves Creating
 * (running or failed): later suspends and reboots are not part of it. With a VM still creating
 * the clock runs.
 */
export function deploymentSpan(mci: ClockMci): DeploymentSpan {
  const startedAt = Date.parse(mci.createdAt);
  let endedAt = mci.vms.length === 0 ? (mci.state.busy ? null : startedAt) : startedAt;
  for (const vm of mci.vms) {
    const settled = vm.history.find((h) => h.status !== "Creating");
    if (!settled) {
      if (vm.status === "Creating" || mci.state.busy) return { startedAt, endedAt: null };
      continue;
    }
    if (endedAt !== null) endedAt = Math.max(endedAt, Date.parse(settled.at));
  }
  return { startedAt, endedAt };
}

/** The latest-started deployment that still runs, else null: the home map's clock follows it. */
export function liveDeployment<T extends ClockMci>(mcis: readonly T[]): { mci: T; span: DeploymentSpan } | null {
  let best: { mci: T; span: DeploymentSpan } | null = null;
  for (const mci of mcis) {
    const span = deploymentSpan(mci);
    if (span.endedAt === null && (!best || span.startedAt > best.span.startedAt)) best = { mci, span };
  }
  return best;
}

/** `0:42`, `12:05`, `1:02:03`: minutes and seconds, hours once there are any. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}
