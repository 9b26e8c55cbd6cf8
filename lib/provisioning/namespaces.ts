import { ConflictError, NotFoundError } from "@/lib/core/errors";
import { generateSshKeyPair } from "@/lib/drivers/ssh-key";
import { SSH_PRIVATE_KEY, SSH_PROVIDER } from "@/lib/secrets";
import type { CredentialRepository } from "@/lib/store/credentials";
import { namespaceKeyName } from "@/lib/validation/credentials";
import type { NamespaceView } from "@/lib/validation/mci";
import type { ProvisioningDeps } from "./deps";

export const DEFAULT_NAMESPACE = "default";

export async function listNamespaces(deps: ProvisioningDeps): Promise<NamespaceView[]> {
  const rows = await deps.repo.listNamespaces();
  return Promise.all(rows.map(async (n) => ({ name: n.name, description: n.description, createdAt: n.createdAt.toISOString(), mciCount: (await deps.repo.listMcis(n.name)).length })));
}

/**
 * A namespace comes with its own SSH key: the public half is imported into every connection it
 * deploys to, the private half is sealed into the vault. A taken name answers 409 from the store.
 */
export async function createNamespace(deps: ProvisioningDeps, input: { name: string; description: string }): Promise<NamespaceView> {
  const key = generateSshKeyPair(`barista-${input.name}`);
  const sealed = deps.vault.seal(namespaceKeyName(input.name), SSH_PROVIDER, { [SSH_PRIVATE_KEY]: key.privateKey });
  const n = await deps.repo.createNamespace({ ...input, sshPublicKey: key.publicKey }, sealed);
  return { name: n.name, description: n.description, createdAt: n.createdAt.toISOString(), mciCount: 0 };
}

/**
 * Removes a namespace that holds nothing any more, and its SSH key with it. The default namespace
 * stays: the console and the API fall back to it.
 */
export async function deleteNamespace(deps: Pick<ProvisioningDeps, "repo">, namespace: string): Promise<void> {
  if (namespace === DEFAULT_NAMESPACE) throw new ConflictError(`namespace "${DEFAULT_NAMESPACE}" cannot be removed: the console and the API fall back to it`);
  await requireNamespace(deps, namespace);
  await deps.repo.deleteNamespace(namespace);
}

export async function ensureDefaultNamespace(deps: ProvisioningDeps): Promise<void> {
  if (!(await deps.repo.findNamespace(DEFAULT_NAMESPACE))) await createNamespace(deps, { name: DEFAULT_NAMESPACE, description: "Created with Barista" });
}

/** The namespace's SSH private key (OpenSSH format), from the vault; every VM of every MCI in it accepts it. */
export async function namespaceSshKey(deps: Pick<ProvisioningDeps, "repo" | "vault">, namespace: string): Promise<string> {
  await requireNamespace(deps, namespace);
  return deps.vault.revealSshKey(namespace);
}

/**
 * Databases from before the vault kept each namespace's private key in plain text. At start each
 * is sealed into the vault and its column cleared (one transaction per namespace, so a stop half
 * way loses nothing), then the file is rewritten so no copy of a key remains on disk.
 */
export async function moveNamespaceKeysIntoVault(deps: Pick<ProvisioningDeps, "vault">, credentials: CredentialRepository): Promise<{ moved: number; logEmptied: boolean }> {
  const legacy = await credentials.legacyNamespaceKeys();
  if (legacy.length === 0) return { moved: 0, logEmptied: true };
  let moved = 0;
  for (const { namespace, privateKey } of legacy) {
    // An empty column (test fixtures made such namespaces) has nothing to seal; it is only cleared.
    const sealed = privateKey ? deps.vault.seal(namespaceKeyName(namespace), SSH_PROVIDER, { [SSH_PRIVATE_KEY]: privateKey }) : null;
    await credentials.moveNamespaceKey(namespace, sealed);
    if (sealed) moved++;
  }
  return { moved, logEmptied: await credentials.erasePlaintextRemains() };
}

export async function requireNamespace(deps: Pick<ProvisioningDeps, "repo">, namespace: string) {
  const ns = await deps.repo.findNamespace(namespace);
  if (!ns) throw new NotFoundError(`namespace "${namespace}" does not exist; GET /api/v1/namespaces lists them`);
  return ns;
}
