import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomVaultKey, type VaultKey } from "@/lib/secrets/cipher.mjs";
import { testVault } from "@/lib/secrets/testing";
import { openDb, stores, type Database } from "@/lib/store";
import { migratePostgres } from "@/lib/store/migrate-postgres.mjs";
import { startPostgresCluster, type PostgresCluster } from "@/lib/store/postgres-cluster.mjs";

const SCRIPT = path.join(process.cwd(), "scripts", "rotate-secrets.mjs");
const b64 = (key: VaultKey) => key.bytes.toString("base64");
const SECRETS = { accessKeyId: "AKIA-pg-rotate", secretAccessKey: "pg-rotate-probe-secret" };

let cluster: PostgresCluster;
let url: string;
let prisma: Database;

function rotate(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, BARISTA_SECRET_KEY: undefined, BARISTA_NEW_SECRET_KEY: undefined, DATABASE_URL: url, ...env }, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  cluster = await startPostgresCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query("CREATE DATABASE rotate");
  await admin.end();
  url = cluster.urlOf("rotate");
  await migratePostgres(url);
  prisma = openDb(url);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await cluster?.stop();
});

describe("npm run secrets:rotate on PostgreSQL", () => {
  it("takes both keys from the environment, re-encrypts every credential in one go and says how to switch the servers", async () => {
    const s = stores(prisma);
    const first = randomVaultKey();
    await testVault(s.credentials, first).put({ name: "aws-prod", provider: "aws", secrets: SECRETS });
    await testVault(s.credentials, first).put({ name: "aws-copy", provider: "aws", secrets: { ...SECRETS } });

    const missing = rotate({ BARISTA_SECRET_KEY: b64(first) });
    expect(missing.status).toBe(1);
    expect(missing.out).toContain("put the new one in BARISTA_NEW_SECRET_KEY");

    const next = randomVaultKey();
    const r = rotate({ BARISTA_SECRET_KEY: b64(first), BARISTA_NEW_SECRET_KEY: b64(next) });
    expect(r.status).toBe(0);
    expect(r.out).toContain(`re-encrypted 2 credential(s) from key ${first.id} to key ${next.id}`);
    expect(r.out).toContain("on every Barista server");
    for (const text of [b64(first), b64(next), SECRETS.secretAccessKey]) expect(r.out).not.toContain(text);
    expect(await testVault(s.credentials, next).revealForDriver("aws-prod")).toEqual(SECRETS);
    await expect(testVault(s.credentials, first).revealForDriver("aws-copy")).rejects.toThrow("the vault was written with another key");
  });

  it("changes nothing when the current key does not open a credential", async () => {
    const s = stores(prisma);
    const before = await prisma.credential.findMany({ orderBy: { name: "asc" } });
    const r = rotate({ BARISTA_SECRET_KEY: b64(randomVaultKey()), BARISTA_NEW_SECRET_KEY: b64(randomVaultKey()) });
    expect(r.status).toBe(1);
    expect(r.out).toContain("key rotation stopped");
    expect(await prisma.credential.findMany({ orderBy: { name: "asc" } })).toEqual(before);
    expect(await s.credentials.list()).toHaveLength(2);
  });
});
