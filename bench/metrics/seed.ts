import { openDb, stores } from "@/lib/store";

export const vmId = (i: number) => `vm-bench-${String(i).padStart(5, "0")}`;

/** One MCI of `vms` Running VMs, as provisioning would have left them; answers its id. Takes a SQLite file or a PostgreSQL URL. */
export async function seedVms(target: string, vms: number): Promise<string> {
  const prisma = openDb(target);
  const { mci } = stores(prisma);
  if (!(await mci.findNamespace("default"))) await mci.createNamespace({ name: "default", description: "", sshPublicKey: "" });
  const base = { connection: "aws-us-east-1", regionKey: "aws-us-east-1", specId: "t3.micro", imageId: "ami" };
  await mci.createMci({ id: "mci-bench", namespace: "default", name: "bench", description: "", policy: "continue" }, [{ id: "sg-bench", name: "g", count: vms, ...base }], Array.from({ length: vms }, (_, i) => ({ id: vmId(i), name: `g-${i + 1}`, subGroupId: "sg-bench", ...base })));
  await mci.setDesired("mci-bench", Array.from({ length: vms }, (_, i) => vmId(i)), { status: "Running" });
  await prisma.$disconnect();
  return "mci-bench";
}
