import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { VaultError, vaultKey } from "./cipher.mjs";
import { keyFileFor, loadVaultKey, parseVaultKey, pendingKeyFileFor, serverVaultKey } from "./vault-key.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "barista-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshDb = () => path.join(dir, `db-${++n}`, "barista.db");

function failure(fn: () => unknown): VaultError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VaultError) return e;
    throw e;
  }
  throw new Error("expected a VaultError");
}

describe("the vault key", () => {
  const bytes = randomBytes(32);

  it("reads 32 bytes written as base64 (with or without padding) or as 64 hex digits, to the same key", () => {
    const id = vaultKey(bytes).id;
    expect(parseVaultKey(bytes.toString("base64"), "BARISTA_SECRET_KEY").id).toBe(id);
    expect(parseVaultKey(bytes.toString("base64").replace(/=$/, ""), "BARISTA_SECRET_KEY").id).toBe(id);
    expect(parseVaultKey(` ${bytes.toString("hex").toUpperCase()}\n`, "BARISTA_SECRET_KEY").id).toBe(id);
  });

  it("refuses any other form with a message that says how to make one and does not repeat the value", () => {
    for (const bad of ["hunter2-is-my-password", randomBytes(16).toString("base64"), randomBytes(33).toString("base64"), `${bytes.toString("hex")}00`]) {
      const e = failure(() => loadVaultKey({ env: { BARISTA_SECRET_KEY: bad }, keyFile: keyFileFor(freshDb()), create: true }));
      expect(e.reason).toBe("BadKey");
      expect(e.message).toBe("BARISTA_SECRET_KEY must be 32 bytes written as base64 (44 characters) or as 64 hex digits; make one with `openssl rand -base64 32`");
      expect(e.message).not.toContain(bad);
    }
  });

  it("takes BARISTA_SECRET_KEY over the key file, and then makes no key file", () => {
    const db = freshDb();
    const loaded = loadVaultKey({ env: { BARISTA_SECRET_KEY: bytes.toString("base64") }, keyFile: keyFileFor(db), create: true });
    expect(loaded).toMatchObject({ source: "env", key: { id: vaultKey(bytes).id } });
    expect(existsSync(keyFileFor(db))).toBe(false);
  });

  it("otherwise makes a key file beside the database at first use, mode 0600, and reads the same key ever after", () => {
    const db = freshDb();
    const first = serverVaultKey({}, db);
    expect(first).toMatchObject({ source: "file", file: `${db}.key`, created: true });
    expect(statSync(`${db}.key`).mode & 0o777).toBe(0o600);
    // The file holds the key in the same form BARISTA_SECRET_KEY takes, so it can be moved there.
    expect(parseVaultKey(readFileSync(`${db}.key`, "utf8"), "file").id).toBe(first.key.id);
    const again = serverVaultKey({}, db);
    expect(again).toMatchObject({ source: "file", created: false });
    expect(again.key.id).toBe(first.key.id);
  });

  it("refuses a key file other users may read, and says how to fix it", () => {
    const db = freshDb();
    serverVaultKey({}, db);
    chmodSync(`${db}.key`, 0o644);
    const e = failure(() => serverVaultKey({}, db));
    expect(e.reason).toBe("KeyFile");
    expect(e.message).toContain(`run \`chmod 600 ${db}.key\``);
    chmodSync(`${db}.key`, 0o600);
    expect(serverVaultKey({}, db).source).toBe("file");
  });

  it("refuses a malformed key file by its path", () => {
    const db = freshDb();
    serverVaultKey({}, db);
    writeFileSync(`${db}.key`, "not a key\n", { mode: 0o600 });
    expect(failure(() => serverVaultKey({}, db)).message).toBe(`the vault key file ${db}.key must be 32 bytes written as base64 (44 characters) or as 64 hex digits; make one with \`openssl rand -base64 32\``);
  });

  it("will not start on a rotation left half done, and says how to finish it", () => {
    const db = freshDb();
    serverVaultKey({}, db);
    writeFileSync(pendingKeyFileFor(keyFileFor(db)), `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
    expect(failure(() => serverVaultKey({}, db)).message).toContain("run `npm run secrets:rotate` again to finish it");
  });

  it("answers null without create when there is no key at all", () => {
    expect(loadVaultKey({ env: {}, keyFile: keyFileFor(freshDb()), create: false })).toBeNull();
  });
});
