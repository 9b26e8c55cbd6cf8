import type { CredentialRepository } from "@/lib/store/credentials";
import { randomVaultKey, type VaultKey } from "./cipher.mjs";
import { Vault } from "./vault";

/** A vault over a test database, under a key of its own held in memory (as if from BARISTA_SECRET_KEY). */
export function testVault(credentials: CredentialRepository, key: VaultKey = randomVaultKey()): Vault {
  return new Vault(credentials, () => ({ key, source: "env" }));
}
