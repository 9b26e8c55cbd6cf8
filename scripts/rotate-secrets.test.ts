import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { randomVaultKey, type VaultKey } from "@/lib/secrets/cipher.mjs";
import { readKeyFile, serverVaultKey } from "@/lib/secrets/vault-key.mjs";
import { testVault } from "@/lib/secrets/testing";
import { Vault } from "@/lib/secrets/vault";
import { stores } from "@/lib/store";
import { tempDatabase } from "@/lib/store/testing";

const temp = tempDatabase();
afterAll(() => temp.cleanup());
const s = stores(temp.prisma);
const keyFile = `${temp.file}.key`;
const pending = `${keyFile}.new`;
const SCRIPT = path.join(process.cwd(), "scripts", "rotate-secrets.mjs");

const AWS = { accessKeyId: "AKIA-rotate", secretAccessKey: `rotate-probe-${randomBytes(8).toString("hex")}` };
/** Two credentials with equal secrets, one with others. */
const SECRETS: Record<string, Record<string, string>> = {
  "aws-prod": AWS,
  "aws-copy": { ...AWS },
  "gcp-team": { serviceAccountJson: `{"private_key":"${randomBytes(16).toString("hex")}"}` },
};

/** Runs `npm run secrets:rotate` as a user would, against the test's database. */
function rotate(env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [SCRIPT], {
    env: { ...process.env, BARISTA_SECRET_KEY: undefined, BARISTA_NEW_SECRET_KEY: undefined, DATABASE_URL: `file:${temp.file}`, ...env },
    encoding: "utf8",
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const vaultUnder = (key: VaultKey) => testVault(s.credentials, key);
const b64 = (key: VaultKey) => key.bytes.toString("base64");

async function everySecretOpensUnder(vault: Vault): Promise<void> {
  for (const [name, secrets] of Object.entries(SECRETS)) expect(await vault.revealForDriver(name)).toEqual(secrets);
  expect(await vault.revealSshKey("team")).toBe("-----BEGIN OPENSSH PRIVATE KEY-----\nteam\n-----END OPENSSH PRIVATE KEY-----\n");
}

async function keyIds(): Promise<string[]> {
  return [...new Set((await temp.prisma.credential.findMany({ select: { keyId: true } })).map((r) => r.keyId))];
}

let first: VaultKey;
let envRotated: VaultKey;

describe("npm run secrets:rotate", () => {
  it("with the key file: re-encrypts every credential under a new key file (0600); the old key opens none", async () => {
    first = serverVaultKey({}, temp.file).key;
    const vault = new Vault(s.credentials, () => serverVaultKey({}, temp.file));
    for (const [name, secrets] of Object.entries(SECRETS)) await vault.put({ name, provider: name.slice(0, 3), secrets });
    await s.mci.createNamespace({ name: "team", description: "", sshPublicKey: "" }, vault.seal("ns-team-ssh", "ssh", { privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nteam\n-----END OPENSSH PRIVATE KEY-----\n" }));
    const before = new Map((await vault.list()).map((c) => [c.name, c.fingerprint]));

    const r = rotate();
    expect(r.status).toBe(0);
    const next = readKeyFile(keyFile);
    expect(next.id).not.toBe(first.id);
    expect(r.out).toContain(`re-encrypted 4 credential(s) from key ${first.id} to key ${next.id}`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(pending)).toBe(false);
    expect(await keyIds()).toEqual([next.id]);
    await everySecretOpensUnder(vaultUnder(next));
    await expect(vaultUnder(first).revealForDriver("aws-prod")).rejects.toThrow("the vault was written with another key");
    // Fingerprints follow the key, and still tell equal secrets apart from different ones.
    const after = new Map((await vaultUnder(next).list()).map((c) => [c.name, c.fingerprint]));
    expect(after.get("aws-prod")).not.toBe(before.get("aws-prod"));
    expect(after.get("aws-copy")).toBe(after.get("aws-prod"));
    expect(after.get("gcp-team")).not.toBe(after.get("aws-prod"));
    // No key and no secret in what it prints.
    for (const text of [b64(first), b64(next), SECRETS["aws-prod"].secretAccessKey]) expect(r.out).not.toContain(text);
  });

  it("with BARISTA_SECRET_KEY: takes the new key from BARISTA_NEW_SECRET_KEY and says how to switch", async () => {
    const current = readKeyFile(keyFile);
    const missing = rotate({ BARISTA_SECRET_KEY: b64(current) });
    expect(missing.status).toBe(1);
    expect(missing.out).toContain("put the new one in BARISTA_NEW_SECRET_KEY (make one with `openssl rand -base64 32`)");
    expect(await keyIds()).toEqual([current.id]);

    const next = randomVaultKey();
    envRotated = next;
    const r = rotate({ BARISTA_SECRET_KEY: b64(current), BARISTA_NEW_SECRET_KEY: b64(next) });
    expect(r.status).toBe(0);
    expect(r.out).toContain("now set BARISTA_SECRET_KEY to the value of BARISTA_NEW_SECRET_KEY");
    for (const text of [b64(current), b64(next)]) expect(r.out).not.toContain(text);
    expect(await keyIds()).toEqual([next.id]);
    await everySecretOpensUnder(vaultUnder(next));
    // The key file was not the key in use, so it was left alone.
    expect(readKeyFile(keyFile).id).toBe(current.id);
  });

  it("finishes a rotation stopped after its commit, and drops the new key of one stopped before", async () => {
    // The previous test left what a stop between the commit and the key file's move leaves: the
    // rows under the new key, the old key in the key file. The command writes the new key beside
    // it before it commits.
    writeFileSync(pending, `${b64(envRotated)}\n`, { mode: 0o600 });
    expect(() => serverVaultKey({}, temp.file)).toThrow("an interrupted key rotation left");
    const r = rotate();
    expect(r.status).toBe(0);
    expect(r.out).toContain(`finished an interrupted rotation: ${keyFile} now holds key ${envRotated.id}`);
    expect(readKeyFile(keyFile).id).toBe(envRotated.id);
    expect(existsSync(pending)).toBe(false);

    // Stopped before the commit: the rows never moved, so the new key is dropped and a rotation runs.
    writeFileSync(pending, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
    const again = rotate();
    expect(again.status).toBe(0);
    expect(again.out).toContain("its unused new key was removed");
    const now = readKeyFile(keyFile);
    expect(now.id).not.toBe(envRotated.id);
    expect(await keyIds()).toEqual([now.id]);
    await everySecretOpensUnder(vaultUnder(now));
  });

  it("changes nothing when one credential cannot be opened: one transaction", async () => {
    const current = readKeyFile(keyFile);
    const stranger = randomVaultKey();
    await temp.prisma.credential.update({ where: { name: "gcp-team" }, data: { keyId: stranger.id } });
    const r = rotate();
    expect(r.status).toBe(1);
    expect(r.out).toContain('credential "gcp-team" was sealed under vault key');
    expect(r.out).toContain("the vault was written with another key");
    expect(readKeyFile(keyFile).id).toBe(current.id);
    expect(existsSync(pending)).toBe(false);
    expect((await temp.prisma.credential.findUniqueOrThrow({ where: { name: "aws-prod" } })).keyId).toBe(current.id);
  });
});
