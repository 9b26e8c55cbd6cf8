import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestSshd } from "@/lib/remote/testing/sshd";
import type { ConnectionRepository } from "@/lib/store/connections";

/** The folder a test sshd keeps its configuration and keys in, found by its port. */
function folderOf(sshd: TestSshd): string {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith("barista-sshd-")) continue;
    const dir = join(tmpdir(), entry);
    try {
      if (new RegExp(`^Port ${sshd.port}$`, "m").test(readFileSync(join(dir, "sshd_config"), "utf8"))) return dir;
    } catch {
      // Another test's folder going away.
    }
  }
  throw new Error(`no test sshd folder for port ${sshd.port} under ${tmpdir()}`);
}

/**
 * Makes test sshd hosts look like a fleet of real servers: the first host's key logs in to all of
 * them (one ssh credential), and commands run with a home of their own, not the developer's
 * (whose shell start-up files may be slow or wait on locks), as on a fresh server. Each host is
 * restarted to read its new configuration.
 */
export async function prepareTestHosts(hosts: TestSshd[]): Promise<void> {
  for (const h of hosts) {
    const dir = folderOf(h);
    if (h !== hosts[0]) appendFileSync(join(dir, "authorized_keys"), `${hosts[0].publicKey.trim()}\n`);
    appendFileSync(join(dir, "sshd_config"), `SetEnv HOME=${dir}\n`);
    await h.stop();
    await h.start();
  }
}

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
