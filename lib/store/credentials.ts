import { isPostgres } from "./db";
import { ConflictError, NotFoundError } from "@/lib/core/errors";
import type { CredentialView } from "@/lib/validation/credentials";
import type { Credential, PrismaClient } from "./generated/prisma/client";
import { audited, inTransaction } from "./audit-scope";
import { insertUnique } from "./unique";

/** A credential as the vault hands it to the store: metadata and one ciphertext, never a secret. */
export interface SealedCredential {
  name: string;
  provider: string;
  keys: string[];
  fingerprint: string;
  ciphertext: string;
  keyId: string;
}

/** What the vault needs to open one credential. */
export interface SealedSecrets {
  name: string;
  ciphertext: string;
  keyId: string;
}

/** A namespace's private key from before the vault, still in plain text in its column. */
export interface LegacyNamespaceKey {
  namespace: string;
  privateKey: string;
}

function toView(c: Credential): CredentialView {
  return { name: c.name, provider: c.provider, keys: JSON.parse(c.keys) as string[], fingerprint: c.fingerprint, createdAt: c.createdAt.toISOString() };
}

function row(c: SealedCredential, namespace: string | null) {
  return { name: c.name, provider: c.provider, keys: JSON.stringify(c.keys), fingerprint: c.fingerprint, ciphertext: c.ciphertext, keyId: c.keyId, namespace };
}

const notFound = (name: string) => new NotFoundError(`credential "${name}" is not in the vault; GET /api/v1/credentials lists them`);

/**
 * The vault's table. Only the user's credentials are seen through list/find/remove; a namespace's
 * SSH key (a row with `namespace` set) is Barista's to manage and reached through its namespace.
 */
export class CredentialRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<CredentialView[]> {
    return (await this.prisma.credential.findMany({ where: { namespace: null }, orderBy: { name: "asc" } })).map(toView);
  }

  async get(name: string): Promise<CredentialView> {
    const c = await this.prisma.credential.findFirst({ where: { name, namespace: null } });
    if (!c) throw notFound(name);
    return toView(c);
  }

  async create(c: SealedCredential): Promise<CredentialView> {
    const created = await insertUnique("Credential", () => audited(this.prisma, (tx) => tx.credential.create({ data: row(c, null) })), () => `credential "${c.name}" already exists; choose another name or delete it first`, "name");
    return toView(created);
  }

  /**
   * Deletes a credential unless a connection names it. The delete comes first, inside the
   * transaction: it takes the database's write lock, so a connection added at the same moment
   * either is seen by the check or waits until the credential is gone (and is then refused).
   */
  async removeUnlessUsed(name: string): Promise<void> {
    await inTransaction(this.prisma, async (tx) => {
      const { count } = await tx.credential.deleteMany({ where: { name, namespace: null } });
      if (count === 0) throw notFound(name);
      const users = await tx.connection.findMany({ where: { credential: name }, select: { name: true }, orderBy: { name: "asc" }, take: 4 });
      if (users.length > 0) {
        const total = users.length < 4 ? users.length : await tx.connection.count({ where: { credential: name } });
        const listed = users.slice(0, 3).map((u) => u.name).join(", ") + (total > 3 ? ` and ${total - 3} more` : "");
        throw new ConflictError(`credential "${name}" is used by ${total === 1 ? "connection" : `${total} connections`}: ${listed}; remove ${total === 1 ? "it" : "them"} first (DELETE /api/v1/connections/{name})`);
      }
    });
  }

  /** Any credential's ciphertext, Barista's own included: for the vault's reveal only. */
  async sealed(name: string): Promise<SealedSecrets | null> {
    return this.prisma.credential.findUnique({ where: { name }, select: { name: true, ciphertext: true, keyId: true } });
  }

  /** The vault row holding a namespace's SSH private key. */
  async sealedForNamespace(namespace: string): Promise<SealedSecrets | null> {
    return this.prisma.credential.findUnique({ where: { namespace }, select: { name: true, ciphertext: true, keyId: true } });
  }

  /** How many credentials each vault key sealed (to warn at start about rows a key cannot open). */
  async countByKey(): Promise<Map<string, number>> {
    const groups = await this.prisma.credential.groupBy({ by: ["keyId"], _count: { _all: true } });
    return new Map(groups.map((g) => [g.keyId, g._count._all]));
  }

  async legacyNamespaceKeys(): Promise<LegacyNamespaceKey[]> {
    const rows = await this.prisma.namespace.findMany({ where: { sshPrivateKey: { not: null } }, select: { name: true, sshPrivateKey: true } });
    return rows.map((r) => ({ namespace: r.name, privateKey: r.sshPrivateKey ?? "" }));
  }

  /** Puts a namespace's key into the vault and clears its plain-text column, both or neither. */
  async moveNamespaceKey(namespace: string, sealed: SealedCredential | null): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (sealed) await tx.credential.upsert({ where: { name: sealed.name }, create: row(sealed, namespace), update: row(sealed, namespace) });
      await tx.namespace.update({ where: { name: namespace }, data: { sshPrivateKey: null } });
    });
  }

  /**
   * After plain-text keys were moved out: SQLite leaves deleted and overwritten text in free pages
   * (the migration that made the column nullable copied the table and dropped the old one) and in
   * the write-ahead log. VACUUM rewrites every page of the file, and a TRUNCATE checkpoint empties
   * the log, so no copy of a key stays on disk. Answers false when another connection kept the log
   * from being emptied (the frames are overwritten as the log is reused).
   */
  async erasePlaintextRemains(): Promise<boolean> {
    // PostgreSQL: VACUUM FULL rewrites the table without the dead row versions that held the keys.
    if (isPostgres(this.prisma)) {
      await this.prisma.$executeRawUnsafe(`VACUUM FULL "Namespace"`);
      return true;
    }
    await this.prisma.$executeRawUnsafe("VACUUM");
    const [r] = await this.prisma.$queryRawUnsafe<{ busy: number | bigint }[]>("PRAGMA wal_checkpoint(TRUNCATE)");
    return Number(r?.busy ?? 0) === 0;
  }
}
