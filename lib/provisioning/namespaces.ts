import { ConflictError, NotFoundError } from "@/lib/core/errors";
import { generateSshKeyPair } from "@/lib/drivers/ssh-key";
import type { NamespaceView } from "@/lib/validation/mci";
import type { ProvisioningDeps } from "./deps";

export const DEFAULT_NAMESPACE = "default";

export async function listNamespaces(deps: ProvisioningDeps): Promise<NamespaceView[]> {
  const rows = await deps.repo.listNamespaces();
  return Promise.all(rows.map(async (n) => ({ name: n.name, description: n.description, createdAt: n.createdAt.toISOString(), mciCount: (await deps.repo.listMcis(n.name)).length })));
}

/** A namespace comes with its own SSH key: imported into every connection it deploys to. */
export async function createNamespace(deps: ProvisioningDeps, input: { name: string; description: string }): Promise<NamespaceView> {
  if (await deps.repo.findNamespace(input.name)) throw new ConflictError(`namespace "${input.name}" already exists; choose another name`, "name");
  const key = generateSshKeyPair(`barista-${input.name}`);
  const n = await deps.repo.createNamespace({ ...input, sshPublicKey: key.publicKey, sshPrivateKey: key.privateKey });
  return { name: n.name, description: n.description, createdAt: n.createdAt.toISOString(), mciCount: 0 };
}

export async function ensureDefaultNamespace(deps: ProvisioningDeps): Promise<void> {
  if (!(await deps.repo.findNamespace(DEFAULT_NAMESPACE))) await createNamespace(deps, { name: DEFAULT_NAMESPACE, description: "Created with Barista" });
}

/** The namespace's SSH private key (OpenSSH format); every VM of every MCI in it accepts it. */
export async function namespaceSshKey(deps: ProvisioningDeps, namespace: string): Promise<string> {
  return (await requireNamespace(deps, namespace)).sshPrivateKey;
}

export async function requireNamespace(deps: ProvisioningDeps, namespace: string) {
  const ns = await deps.repo.findNamespace(namespace);
  if (!ns) throw new NotFoundError(`namespace "${namespace}" does not exist; GET /api/v1/namespaces lists them`);
  return ns;
}
