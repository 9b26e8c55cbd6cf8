/**
 * The credentials vault's public entry: secrets encrypted at rest (AES-256-GCM), and the key they
 * are encrypted under. Nothing leaves the vault in clear but to a driver or an SSH session.
 */
export { Vault, SSH_PRIVATE_KEY, SSH_PROVIDER } from "./vault";
export { serverVaultKey, sharedVaultKey, type LoadedVaultKey } from "./vault-key.mjs";
export { randomVaultKey, type Secrets, type VaultKey } from "./cipher.mjs";
export { sessionSigningSecret } from "./session-secret";
