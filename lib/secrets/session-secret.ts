import { hkdfSync } from "node:crypto";
import type { VaultKey } from "./cipher.mjs";

/**
 * The secret that signs session cookies, derived from the vault key (one key to keep, back up and
 * rotate): a rotation also signs everyone out, as a key change should.
 */
export function sessionSigningSecret(key: VaultKey): string {
  return Buffer.from(hkdfSync("sha256", key.bytes, Buffer.alloc(0), "barista session cookies", 32)).toString("base64");
}
