import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSshKeyPair } from "@/lib/drivers/ssh-key";
import { testVault } from "@/lib/secrets/testing";
import { migrateDatabase, openDb, stores, type Database } from "@/lib/store";
import { moveNamespaceKeysIntoVault, namespaceSshKey } from "./namespaces";

// A database as the version before the vault left it (private keys in plain text in the
// Namespace table), brought up to date and started: the keys move into the vault.
const dir = mkdtempSync(path.join(tmpdir(), "barista-ns-keys-"));
const file = path.join(dir, "barista.db");
const clients: Database[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
  rmSync(dir, { recursive: true, force: true });
});

const ALL = path.join(process.cwd(), "prisma", "migrations");
const VAULT_MIGRATION = readdirSync(ALL).find((d) => d.endsWith("_vault"));

const legacy = { default: generateSshKeyPair("barista-default"), team: generateSshKeyPair("barista-team") };

/** The lines of a key's body worth searching for: not the header every key shares, not a short tail. */
const keyLines = (privateKey: string) => privateKey.split("\n").filter((l) => l.length >= 16 && !l.startsWith("-----")).slice(1);

function databaseBytes(): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

describe("the namespaces' plain-text SSH keys of an older database", () => {
  it("are found in the file before the move (so the search below can see them)", async () => {
    expect(VAULT_MIGRATION).toBeDefined();
    const before = path.join(dir, "migrations-before-vault");
    mkdirSync(before);
    for (const d of readdirSync(ALL, { withFileTypes: true })) if (d.isDirectory() && d.name < VAULT_MIGRATION!) cpSync(path.join(ALL, d.name), path.join(before, d.name), { recursive: true });
    migrateDatabase(file, before);
    const old = openDb(file);
    for (const [name, key] of Object.entries(legacy)) await old.namespace.create({ data: { name, description: "", sshPublicKey: key.publicKey, sshPrivateKey: key.privateKey } });
    // A namespace an older test fixture made with an empty key: nothing to seal.
    await old.namespace.create({ data: { name: "empty", description: "", sshPublicKey: "", sshPrivateKey: "" } });
    await old.$disconnect();
    // The vault's migration first; later ones follow it.
    expect(migrateDatabase(file).applied[0]).toEqual(VAULT_MIGRATION);
    const bytes = databaseBytes();
    for (const line of keyLines(legacy.team.privateKey)) expect(bytes.includes(line)).toBe(true);
  });

  it("move into the vault at start, the column is cleared, and the download gives the same key", async () => {
    const prisma = openDb(file);
    clients.push(prisma);
    const s = stores(prisma);
    const vault = testVault(s.credentials);
    expect(await moveNamespaceKeysIntoVault({ vault }, s.credentials)).toEqual({ moved: 2, logEmptied: true });
    expect(await prisma.namespace.findMany({ where: { sshPrivateKey: { not: null } } })).toEqual([]);
    for (const [name, key] of Object.entries(legacy)) expect(await namespaceSshKey({ repo: s.mci, vault }, name)).toBe(key.privateKey);
    // Barista's own rows: not in the credentials API's list.
    expect(await vault.list()).toEqual([]);
    expect(await prisma.credential.findMany({ select: { name: true, namespace: true, provider: true, keys: true }, orderBy: { name: "asc" } })).toEqual([
      { name: "ns-default-ssh", namespace: "default", provider: "ssh", keys: '["privateKey"]' },
      { name: "ns-team-ssh", namespace: "team", provider: "ssh", keys: '["privateKey"]' },
    ]);
    // A second start finds nothing left to move.
    expect(await moveNamespaceKeysIntoVault({ vault }, s.credentials)).toEqual({ moved: 0, logEmptied: true });
  });

  it("leave no copy in any byte of the database file or its write-ahead log", () => {
    const bytes = databaseBytes();
    for (const key of Object.values(legacy)) for (const line of keyLines(key.privateKey)) expect(bytes.includes(line)).toBe(false);
  });
});
