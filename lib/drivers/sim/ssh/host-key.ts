import { utils, type ParsedKey } from "ssh2";
import { generateSshKeyPair } from "../../ssh-key";

/** Where the host key is kept: the server's settings table (a key/value store shared by every server). */
export interface HostKeyStore {
  get(key: string): Promise<string | null>;
  /** Stores the value unless the key is set already; answers the value kept. */
  setIfAbsent(key: string, value: string): Promise<string>;
  /** Removes the setting if it still holds `value`. */
  takeIf(key: string, value: string): Promise<boolean>;
}

export const HOST_KEY_SETTING = "sim-ssh-host-key";

export interface HostKey {
  /** OpenSSH private key text, as the SSH server takes it. */
  text: string;
  parsed: ParsedKey;
}

function parse(text: string): ParsedKey | null {
  const parsed = utils.parseKey(text);
  return parsed instanceof Error ? null : Array.isArray(parsed) ? (parsed[0] ?? null) : parsed;
}

/**
 * The simulator's SSH host key (ed25519, OpenSSH text), made the first time and kept ever after, so
 * clients that pinned it keep trusting it across restarts. It is stored in the clear: it guards
 * only simulated hosts, and anyone who can read the database can already act as the simulator.
 *
 * A stored key that cannot be read is replaced: earlier versions made the key with ssh2's own
 * generator, which writes about one ed25519 key in 250 with a 31-byte public key that no parser
 * accepts; a server holding one could never start, so no client ever pinned it.
 */
export async function loadHostKey(store: HostKeyStore): Promise<HostKey> {
  for (let attempt = 0; ; attempt++) {
    const existing = await store.get(HOST_KEY_SETTING);
    const text = existing ?? (await store.setIfAbsent(HOST_KEY_SETTING, generateSshKeyPair("barista-simulator").privateKey));
    const parsed = parse(text);
    if (parsed) return { text, parsed };
    if (attempt >= 2) throw new Error("the simulator's stored SSH host key cannot be read, and replacing it failed");
    // Two servers starting at once on one database: one takes the bad key away, both then agree on
    // whichever new key was stored first.
    await store.takeIf(HOST_KEY_SETTING, text);
  }
}
