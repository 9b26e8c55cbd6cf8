import type { Clock } from "@/lib/core/clock";
import { MetricStore, stores, type Database } from "@/lib/store";
import { vmDirectoryOver } from "./vm-directory";

export interface SeedVm {
  id: string;
  name?: string;
  publicIp?: string;
  status?: string;
  cloudId?: string;
}

/** VM rows as provisioning would have left them, without running a reconciler (tests). */
export async function seedMci(prisma: Database, mciId: string, vms: SeedVm[], namespace = "default"): Promise<void> {
  const { mci } = stores(prisma);
  if (!(await mci.findNamespace(namespace))) await mci.createNamespace({ name: namespace, description: "", sshPublicKey: "" });
  const sg = `sg-${mciId}`;
  const base = { connection: "aws-us-east-1", regionKey: "aws-us-east-1", specId: "t3.micro", imageId: "ami" };
  await mci.createMci({ id: mciId, namespace, name: mciId, description: "", policy: "continue" }, [{ id: sg, name: "g", count: vms.length, ...base }], vms.map((v, i) => ({ id: v.id, name: v.name ?? `g-${i + 1}`, subGroupId: sg, ...base })));
  for (const v of vms) await mci.updateVm(v.id, { status: v.status ?? "Running", publicIp: v.publicIp ?? null, cloudId: v.cloudId ?? `i-${v.id}` });
}

/** The pieces monitoring runs on, over a test database (a SQLite file or a PostgreSQL URL). */
export function testMonitoring(prisma: Database, target: string, clock: Clock) {
  const s = stores(prisma);
  const metrics = MetricStore.open(target);
  return { metrics, vms: s.monitoredVms, alerts: s.alerts, directory: vmDirectoryOver(s.monitoredVms, clock), clock };
}
