import { afterAll, beforeAll } from "vitest";
import { SshPool } from "@/lib/remote/ssh-pool";
import { memoryPins } from "@/lib/remote/testing/memory-pins";
import { startTestHosts, type TestSshd } from "@/lib/remote/testing/sshd.mjs";
import { stores } from "@/lib/store";
import { tempDatabase } from "@/lib/store/testing";
import { describeDriverContract } from "../contract";
import { SshDriver } from "./ssh-driver";
import { addSshConnection } from "./testing";

// The shared contract over three real OpenSSH servers on 127.0.0.1, registered as one connection.
const temp = tempDatabase();
const hosts: TestSshd[] = [];
const pool = new SshPool({ pins: memoryPins() });

beforeAll(async () => {
  hosts.push(...(await startTestHosts(3)));
  await addSshConnection(stores(temp.prisma).connections, "contract-lab", "lab-key", hosts);
});
afterAll(async () => {
  pool.closeAll();
  for (const h of hosts) await h.stop();
  await temp.cleanup();
});

describeDriverContract("ssh (3 OpenSSH hosts)", async () => {
  const s = stores(temp.prisma);
  const driver = new SshDriver(
    { name: "contract-lab", driver: "ssh", provider: "ssh", region: "contract-lab", credential: "lab-key" },
    { hosts: s.sshHosts, ssh: pool, secrets: async () => ({ username: hosts[0].username, privateKey: hosts[0].privateKey }) },
  );
  return {
    driver,
    maxOperationMs: 1_000,
    advance: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
    capabilities: { suspend: false, reboot: false, pricedSpecs: false, transitions: false, subnetAddresses: false, firewall: false },
  };
});
