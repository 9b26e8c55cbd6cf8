import { utils } from "ssh2";

/** Where the host key is kept: the server's settings table (a key/value store shared by every server). */
export interface HostKeyStore {
  get(key: string): Promise<string | null>;
  /** Stores the value unless the key is set already; answers the value kept. */
  setIfAbsent(key: string, value: string): Promise<string>;
}

export const HOST_KEY_SETTING = "sim-ssh-host-key";

/**
 * The simulator's SSH host key (ed25519, OpenSSH text), made the first time and kept ever after, so
 * clients that pinned it keep trusting it across restarts. It is stored in the clear: it guards
 * only simulated hosts, and anyone who can read the database can already act as the simulator.
 */
export async function loadHostKey(store: HostKeyStore): Promise<string> {
  const existing = await store.get(HOST_KEY_SETTING);
  if (existing) return existing;
  const made = utils.generateKeyPairSync("ed25519", { comment: "barista-simulator" });
  // Two servers starting at once on one database agree on whichever key was stored first.
  return store.setIfAbsent(HOST_KEY_SETTING, made.private);
}
