import type { TestSshd } from "@/lib/remote/testing/sshd.mjs";
import type { ConnectionRepository } from "@/lib/store/connections";

/** Registers test sshd hosts as an ssh connection in the repository (its credential is the caller's to provide). */
export async function addSshConnection(repo: ConnectionRepository, name: string, credential: string, hosts: TestSshd[]): Promise<void> {
  await repo.create({
    name,
    provider: "ssh",
    driver: "ssh",
    region: name,
    regionKey: `ssh-${name}`,
    credential,
    location: { latitude: 52.52, longitude: 13.4 },
    hosts: hosts.map((h, i) => ({ address: h.host, port: h.port, name: `${name}-${i + 1}` })),
  });
}
