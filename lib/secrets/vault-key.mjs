// @ts-check
// Where the vault key comes from: BARISTA_SECRET_KEY, or a key file beside the database. Plain
// JavaScript for the same reason as cipher.mjs: the rotation script reads keys exactly as the server does.
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { VaultError, vaultKey } from "./cipher.mjs";

/** @typedef {import("./cipher.mjs").VaultKey} VaultKey */

/**
 * A loaded key and where it came from (for the start-up log line; never the key itself).
 * @typedef {{ key: VaultKey, source: "env" } | { key: VaultKey, source: "file", file: string, created: boolean }} LoadedVaultKey
 */

export const MAKE_KEY = "make one with `openssl rand -base64 32`";
const HEX = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]{43}=?$/;

/**
 * Reads a key written as 64 hex digits or as base64 of 32 bytes. The message names where the key
 * came from and the accepted forms; it never repeats what it was given.
 * @param {string} text
 * @param {string} where e.g. "BARISTA_SECRET_KEY"
 * @returns {VaultKey}
 */
export function parseVaultKey(text, where) {
  const t = text.trim();
  if (HEX.test(t)) return vaultKey(Buffer.from(t, "hex"));
  if (BASE64.test(t)) return vaultKey(Buffer.from(t, "base64"));
  throw new VaultError("BadKey", `${where} must be 32 bytes written as base64 (44 characters) or as 64 hex digits; ${MAKE_KEY}`);
}

/**
 * The key file that goes with a database file.
 * @param {string} databaseFile
 */
export function keyFileFor(databaseFile) {
  return `${databaseFile}.key`;
}

/**
 * The file an unfinished rotation leaves: the new key, written before the database changed.
 * @param {string} keyFile
 */
export function pendingKeyFileFor(keyFile) {
  return `${keyFile}.new`;
}

/**
 * A key file readable by anyone but its owner is refused, as ssh refuses such a private key.
 * @param {string} file
 */
function checkPrivate(file) {
  if (process.platform === "win32") return;
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) {
    throw new VaultError("KeyFile", `the vault key file ${file} may be read by other users (mode ${mode.toString(8).padStart(4, "0")}); run \`chmod 600 ${file}\` and start again`);
  }
}

/**
 * Writes a key file with mode 0600, all or nothing: it is written under a temporary name and
 * linked into place, so a reader never sees half a key, and when two servers start at once the
 * second finds the first one's file instead of replacing it (then it answers false).
 * @param {string} file
 * @param {VaultKey} key
 * @returns {boolean} whether this call created the file
 */
export function writeKeyFile(file, key) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, `${key.bytes.toString("base64")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code === "EEXIST") return false;
    throw e;
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * Moves a finished rotation's new key file over the old one (rename is atomic).
 * @param {string} pending
 * @param {string} file
 */
export function replaceKeyFile(pending, file) {
  renameSync(pending, file);
  try {
    // Makes the rename itself durable; not every platform can open a folder, which is fine there.
    const dir = openSync(path.dirname(file), "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    /* best effort */
  }
}

/**
 * @param {string} file
 * @returns {VaultKey}
 */
export function readKeyFile(file) {
  checkPrivate(file);
  return parseVaultKey(readFileSync(file, "utf8"), `the vault key file ${file}`);
}

/**
 * The vault key: BARISTA_SECRET_KEY when set, else the key file (made at first use when `create`).
 * Without `create`, answers null when there is no key at all.
 * @param {{ env: Record<string, string | undefined>, keyFile: string, create: boolean }} opts
 * @returns {LoadedVaultKey | null}
 */
export function loadVaultKey({ env, keyFile, create }) {
  const fromEnv = env.BARISTA_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return { key: parseVaultKey(fromEnv, "BARISTA_SECRET_KEY"), source: "env" };
  const pending = pendingKeyFileFor(keyFile);
  if (existsSync(pending)) {
    throw new VaultError("KeyFile", `an interrupted key rotation left ${pending}; run \`npm run secrets:rotate\` again to finish it before starting Barista`);
  }
  if (existsSync(keyFile)) return { key: readKeyFile(keyFile), source: "file", file: keyFile, created: false };
  if (!create) return null;
  const created = writeKeyFile(keyFile, vaultKey(randomBytes(32)));
  return { key: readKeyFile(keyFile), source: "file", file: keyFile, created };
}

/**
 * The server's key: BARISTA_SECRET_KEY, or the key file beside the database, made at first use.
 * @param {Record<string, string | undefined>} env
 * @param {string} databaseFile
 * @returns {LoadedVaultKey}
 */
export function serverVaultKey(env, databaseFile) {
  const loaded = loadVaultKey({ env, keyFile: keyFileFor(databaseFile), create: true });
  if (!loaded) throw new VaultError("KeyFile", "no vault key could be made");
  return loaded;
}

/**
 * The key of a server on PostgreSQL: only BARISTA_SECRET_KEY. Several servers share the database and
 * must open each other's secrets, so a key file made beside one of them would split the vault.
 * @param {Record<string, string | undefined>} env
 * @returns {LoadedVaultKey}
 */
export function sharedVaultKey(env) {
  const fromEnv = env.BARISTA_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return { key: parseVaultKey(fromEnv, "BARISTA_SECRET_KEY"), source: "env" };
  {
    throw new VaultError("KeyFile", `with DATABASE_URL on PostgreSQL, set BARISTA_SECRET_KEY to the same key on every Barista server (${MAKE_KEY})`);
  }
}
