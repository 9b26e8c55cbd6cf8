import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "@/lib/core/clock";
import { CloudError, ConflictError, InvalidArgumentError, NotFoundError } from "@/lib/core/errors";
import { addConnection, removeConnection, type ConnectionDeps } from "@/lib/provisioning/connections";
import { stores } from "@/lib/store";
import { tempDatabase } from "@/lib/store/testing";
import { randomVaultKey } from "./cipher.mjs";
import { testVault } from "./testing";

const temp = tempDatabase();
afterAll(() => temp.cleanup());
const s = stores(temp.prisma);
const key = randomVaultKey();
const vault = testVault(s.credentials, key);
const connections: ConnectionDeps = { repo: s.connections, driverFor: () => { throw new Error("no driver needed"); }, clock: systemClock };

const SECRET = "s3cr3t-vault-test-9f2c4e";

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

describe("the vault over the database", () => {
  it("keeps secrets write-only: put, list and get answer metadata, revealForDriver gives the secrets back", async () => {
    const created = await vault.put({ name: "aws-prod", provider: "aws", secrets: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: SECRET } });
    expect(created).toMatchObject({ name: "aws-prod", provider: "aws", keys: ["accessKeyId", "secretAccessKey"] });
    expect(created.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const answers = JSON.stringify([created, await vault.list(), await vault.get("aws-prod")]);
    expect(answers).not.toContain(SECRET);
    expect(answers).not.toContain("AKIAEXAMPLE");
    expect(await vault.revealForDriver("aws-prod")).toEqual({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: SECRET });
    const row = await temp.prisma.credential.findUniqueOrThrow({ where: { name: "aws-prod" } });
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(row.keyId).toBe(key.id);
  });

  it("answers a second credential of the same name with 409 and keeps the first", async () => {
    const e = await rejection(vault.put({ name: "aws-prod", provider: "aws", secrets: { secretAccessKey: "other" } }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe('credential "aws-prod" already exists; choose another name or delete it first');
    expect(await vault.revealForDriver("aws-prod")).toMatchObject({ secretAccessKey: SECRET });
  });

  it("gives the same fingerprint to the same secrets and another to other secrets", async () => {
    await vault.put({ name: "aws-copy", provider: "aws", secrets: { secretAccessKey: SECRET, accessKeyId: "AKIAEXAMPLE" } });
    await vault.put({ name: "aws-other", provider: "aws", secrets: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: `${SECRET}!` } });
    const fp = new Map((await vault.list()).map((c) => [c.name, c.fingerprint]));
    expect(fp.get("aws-copy")).toBe(fp.get("aws-prod"));
    expect(fp.get("aws-other")).not.toBe(fp.get("aws-prod"));
  });

  it("refuses to delete a credential while a connection names it (409, the credential stays), then deletes it", async () => {
    await addConnection(connections, { name: "prod-use1", provider: "aws", region: "us-east-1", driver: "sim", credential: "aws-prod" });
    const e = await rejection(vault.remove("aws-prod"));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe('credential "aws-prod" is used by connection: prod-use1; remove it first (DELETE /api/v1/connections/{name})');
    expect((await vault.get("aws-prod")).name).toBe("aws-prod");
    await removeConnection(connections, "prod-use1");
    await vault.remove("aws-prod");
    await expect(vault.get("aws-prod")).rejects.toThrow(NotFoundError);
    await expect(vault.remove("aws-prod")).rejects.toThrow('credential "aws-prod" is not in the vault');
  });

  it("lets a connection name only a credential of the vault for its provider; the simulator's default needs none", async () => {
    const missing = await rejection(addConnection(connections, { name: "gcp-x", provider: "gcp", region: "us-central1", driver: "sim", credential: "gcp-team" }));
    expect(missing).toBeInstanceOf(InvalidArgumentError);
    expect(missing).toMatchObject({ field: "credential", message: 'credential "gcp-team" is not in the vault; add it with POST /api/v1/credentials' });
    const wrongProvider = await rejection(addConnection(connections, { name: "gcp-x", provider: "gcp", region: "us-central1", driver: "sim", credential: "aws-copy" }));
    expect(wrongProvider.message).toBe('credential "aws-copy" is for aws, not gcp; name a gcp credential or add one with POST /api/v1/credentials');
    // Refused connections leave no row behind.
    expect(await s.connections.find("gcp-x")).toBeNull();
    expect((await addConnection(connections, { name: "gcp-y", provider: "gcp", region: "us-central1", driver: "sim", credential: "default" })).credential).toBe("default");
  });

  it("answers a ciphertext moved into another credential's row with 503 and a clear message, not the other's secrets", async () => {
    const donor = await temp.prisma.credential.findUniqueOrThrow({ where: { name: "aws-other" } });
    await temp.prisma.credential.update({ where: { name: "aws-copy" }, data: { ciphertext: donor.ciphertext } });
    const e = await rejection(vault.revealForDriver("aws-copy"));
    expect(e).toBeInstanceOf(CloudError);
    expect(e).toMatchObject({ code: "Unavailable", retryable: false });
    expect(e.message).toContain('credential "aws-copy" cannot be opened: its ciphertext was altered or belongs to another credential');
  });

  it("tells a server holding another key which key the vault needs, and counts what it cannot open", async () => {
    const other = testVault(s.credentials, randomVaultKey());
    const e = await rejection(other.revealForDriver("aws-other"));
    expect(e).toMatchObject({ code: "Unavailable" });
    expect(e.message).toContain("the vault was written with another key; set BARISTA_SECRET_KEY to the key it was written with");
    expect(await other.countUnderOtherKeys()).toBe(await temp.prisma.credential.count());
    expect(await vault.countUnderOtherKeys()).toBe(0);
  });
});
