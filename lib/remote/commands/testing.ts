import { systemClock } from "@/lib/core/clock";
import type { SshLogin } from "@/lib/drivers/types";
import { SshPool } from "@/lib/remote/ssh-pool";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import { stores, type Database } from "@/lib/store";
import { CommandEngine } from "./engine";
import type { CommandLimits } from "./types";

export interface FleetVm {
  id: string;
  name: string;
  subGroup: string;
}

export interface Fleet {
  engine: CommandEngine;
  ssh: SshPool;
  namespace: string;
  mciId: string;
  vms: FleetVm[];
}

export interface FleetOptions {
  /** VMs per subgroup, in order (default one subgroup `a` of `logins.length` VMs). */
  subGroups?: Record<string, number>;
  /** Statuses other than Running, by VM index. */
  statuses?: Record<number, string>;
  limits?: Partial<CommandLimits>;
  /** The namespace's key, for logins that carry none. */
  namespaceKey?: string;
  mciName?: string;
}

let serial = 0;

/**
 * An MCI of VMs on hosts of the test's choosing (`login(i)` says where VM i logs in), over a
 * real database, and an engine with a driver whose `sshLogin` answers exactly that: every other
 * part of the command path is the server's own.
 */
export async function makeFleet(prisma: Database, login: (i: number) => SshLogin, opts: FleetOptions = {}): Promise<Fleet> {
  const s = stores(prisma);
  const mciId = `mci-test-${++serial}-${Date.now().toString(36)}`;
  const groups = Object.entries(opts.subGroups ?? { a: 1 });
  const base = { connection: "test-hosts", regionKey: "test-local", specId: "host", imageId: "host" };
  const subGroups = groups.map(([name, count]) => ({ id: `${mciId}-${name}`, name, count, ...base }));
  const vms: (FleetVm & { subGroupId: string })[] = [];
  for (const [name, count] of groups) for (let j = 0; j < count; j++) vms.push({ id: `${mciId}-vm-${vms.length}`, name: `${name}-${j + 1}`, subGroup: name, subGroupId: `${mciId}-${name}` });
  await s.mci.createMci({ id: mciId, namespace: "default", name: opts.mciName ?? mciId, description: "", policy: "continue" }, subGroups, vms.map((v) => ({ id: v.id, name: v.name, subGroupId: v.subGroupId, ...base })));
  for (const [i, v] of vms.entries()) await s.mci.updateVm(v.id, { status: opts.statuses?.[i] ?? "Running", cloudId: `host-${i}`, publicIp: "127.0.0.1" });
  const { engine, ssh } = makeEngine(prisma, login, opts);
  return { engine, ssh, namespace: "default", mciId, vms: vms.map(({ id, name, subGroup }) => ({ id, name, subGroup })) };
}

/** An engine of its own (another server, when given another client on the same database) whose VM i logs in where `login(i)` says. */
export function makeEngine(prisma: Database, login: (i: number) => SshLogin, opts: Pick<FleetOptions, "limits" | "namespaceKey"> & { owner?: string } = {}): { engine: CommandEngine; ssh: SshPool } {
  const s = stores(prisma);
  const ssh = new SshPool({ pins: memoryPins() });
  const engine = new CommandEngine({
    owner: opts.owner,
    commands: s.commands,
    mcis: s.mci,
    connections: { config: async (name) => ({ name, driver: "test", provider: "test", region: "local", credential: "none" }) },
    driverFor: () => ({ sshLogin: async (vm) => login(Number(vm.id.replace("host-", ""))) }),
    vault: {
      revealSshKey: async (ns) => {
        if (!opts.namespaceKey) throw new Error(`namespace "${ns}" has no key in this test`);
        return opts.namespaceKey;
      },
    },
    ssh,
    clock: systemClock,
    limits: opts.limits,
  });
  return { engine, ssh };
}
