import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestSshd } from "@/lib/remote/testing/sshd";
import type { ConnectionRepository } from "@/lib/store/connections";

/**
 * Lets one key log in to a test sshd that was started with a key of its own, so several test
 * hosts take one ssh credential as real servers do. The server's folder is found by its port.
 */
export function authorizeKey(sshd: TestSshd, publicKey: string): void {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith("barista-sshd-")) continue;
    const dir = join(tmpdir(), entry);
    let config = "";
    try {
      config = readFileSync(join(dir, "sshd_config"), "utf8");
    } catch {
      continue;
    }
    if (new RegExp(`^Port ${sshd.port}$`, "m").test(config)) {
      appendFileSync(join(dir, "authorized_keys"), `${publicKey.trim()}\n`);
      return;
    }
  }
  throw new Error(`no test sshd folder for port ${sshd.port} under ${tmpdir()}`);
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
