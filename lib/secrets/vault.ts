import { CloudError, NotFoundError } from "@/lib/core/errors";
import type { CredentialRepository, SealedCredential, SealedSecrets } from "@/lib/store/credentials";
import { namespaceKeyName, type CredentialCreate, type CredentialView } from "@/lib/validation/credentials";
import { fingerprintSecrets, openSecrets, sealSecrets, type Secrets, type VaultError } from "./cipher.mjs";
import type { LoadedVaultKey } from "./vault-key.mjs";

/** By name, not instanceof: each server bundle may hold its own copy of the class. */
function isVaultError(e: unknown): e is VaultError {
  return e instanceof Error && e.name === "VaultError";
}

/** The provider and key name under which a namespace's SSH private key is kept. */
export const SSH_PROVIDER = "ssh";
export const SSH_PRIVATE_KEY = "privateKey";

/**
 * The credentials vault. Secrets go in (put), and come out through exactly two doors:
 * revealForDriver, for the driver that signs in with a connection's credential, and
 * revealSshKey, for a namespace's SSH key (SSH to its VMs; today its operator-only download).
 * Everything else answers metadata: names, key names, a fingerprint.
 */
export class Vault {
  private loaded: LoadedVaultKey | null = null;

  /** `loadKey` is called once, at the first use (the server calls `key()` at start, so a bad key stops it there). */
  constructor(
    private readonly repo: CredentialRepository,
    private readonly loadKey: () => LoadedVaultKey,
  ) {}

  /** The key and where it came from; loads it on the first call. */
  key(): LoadedVaultKey {
    this.loaded ??= this.loadKey();
    return this.loaded;
  }

  /** Encrypts secrets into the row the store keeps (for writes that belong in another store transaction). */
  seal(name: string, provider: string, secrets: Secrets): SealedCredential {
    const { key } = this.key();
    return { name, provider, keys: Object.keys(secrets), fingerprint: fingerprintSecrets(key, secrets), ...sealSecrets(key, name, secrets) };
  }

  /** Adds a credential; a taken name answers 409. */
  put(input: CredentialCreate): Promise<CredentialView> {
    return this.repo.create(this.seal(input.name, input.provider, input.secrets));
  }

  list(): Promise<CredentialView[]> {
    return this.repo.list();
  }

  get(name: string): Promise<CredentialView> {
    return this.repo.get(name);
  }

  /** Deletes a credential; 409 while a connection names it. */
  remove(name: string): Promise<void> {
    return this.repo.removeUnlessUsed(name);
  }

  /** A connection's credential in clear, for its driver and nothing else. */
  async revealForDriver(name: string): Promise<Secrets> {
    const sealed = await this.repo.sealed(name);
    if (!sealed) throw new NotFoundError(`credential "${name}" is not in the vault; add it with POST /api/v1/credentials`);
    return this.open(sealed);
  }

  /** A namespace's SSH private key in clear, for SSH to its VMs (the operator's download of it). */
  async revealSshKey(namespace: string): Promise<string> {
    const sealed = await this.repo.sealedForNamespace(namespace);
    const key = sealed ? this.open(sealed)[SSH_PRIVATE_KEY] : undefined;
    if (!key) throw new NotFoundError(`namespace "${namespace}" has no SSH key in the vault (${namespaceKeyName(namespace)})`);
    return key;
  }

  /** How many credentials were sealed under a key other than this one (they cannot be opened). */
  async countUnderOtherKeys(): Promise<number> {
    const { id } = this.key().key;
    let other = 0;
    for (const [keyId, count] of await this.repo.countByKey()) if (keyId !== id) other += count;
    return other;
  }

  private open(sealed: SealedSecrets): Secrets {
    try {
      return openSecrets(this.key().key, sealed.name, sealed);
    } catch (e) {
      // A wrong key or an altered row is the server's state, not the caller's mistake: 503 with
      // what the operator must do (the message names the credential and the key ids, no secret).
      if (isVaultError(e)) throw new CloudError("Unavailable", e.message, { retryable: false });
      throw e;
    }
  }
}
