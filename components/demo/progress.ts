import { plural } from "@/lib/core/plural";

/** The few fields of an MCI's VMs the tours follow. */
export interface VmLike {
  id: string;
  status: string;
}

export interface DeployCounts {
  total: number;
  running: number;
  failed: number;
  /** Neither running nor failed yet (creating, or on their way). */
  waiting: number;
}

export function deployCounts(vms: readonly VmLike[]): DeployCounts {
  const running = vms.filter((v) => v.status === "Running").length;
  const failed = vms.filter((v) => v.status === "Failed").length;
  return { total: vms.length, running, failed, waiting: vms.length - running - failed };
}

/** Every VM has come to rest (running or failed): a deployment is over. */
export function deploymentOver(c: DeployCounts): boolean {
  return c.total > 0 && c.waiting === 0;
}

/** "37 of 100 VMs running, 2 failed, 61 still booting". */
export function describeDeploy(c: DeployCounts): string {
  const parts = [`${c.running} of ${plural(c.total, "VM")} running`];
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.waiting) parts.push(`${c.waiting} still booting`);
  return parts.join(", ");
}

/** The words a deployment leaves behind when the tour goes on: what runs, and what it goes on without. */
export function deploySummary(c: DeployCounts, timedOut: boolean): string {
  const base = describeDeploy(c);
  if (c.running === c.total) return base;
  const without = c.total - c.running;
  return `${base}; the tour goes on with the ${c.running} that run${timedOut ? " (the others keep booting)" : ""}, without ${plural(without, "VM")}`;
}

export type AppVmState = "installing" | "running" | "failed";

export interface AppCounts {
  total: number;
  running: number;
  failed: number;
  installing: number;
}

/** One app's VMs, from GET /api/v1/ns/{ns}/mci/{id}/apps (absent: none yet). */
export function appCounts(apps: readonly { app: string; vms: { state: AppVmState }[] }[], app: string): AppCounts {
  const vms = apps.find((a) => a.app === app)?.vms ?? [];
  const running = vms.filter((v) => v.state === "running").length;
  const failed = vms.filter((v) => v.state === "failed").length;
  return { total: vms.length, running, failed, installing: vms.length - running - failed };
}

export function describeApp(c: AppCounts, name: string): string {
  if (c.total === 0) return `${name}: starting the install`;
  const parts = [`${name} runs on ${c.running} of ${plural(c.total, "VM")}`];
  if (c.installing) parts.push(`${c.installing} installing`);
  if (c.failed) parts.push(`${c.failed} failed`);
  return parts.join(", ");
}

/** A command's per-VM status counts, from GET …/commands/{cid}. */
export function describeCommand(counts: Record<string, number>, total: number): string {
  const ok = counts.succeeded ?? 0;
  const bad = (counts.failed ?? 0) + (counts.timedOut ?? 0) + (counts.unreachable ?? 0) + (counts.cancelled ?? 0) + (counts.interrupted ?? 0);
  const busy = total - ok - bad;
  const parts = [`answered on ${ok} of ${plural(total, "VM")}`];
  if (busy > 0) parts.push(`${busy} running`);
  if (bad) parts.push(`${bad} failed`);
  return parts.join(", ");
}
