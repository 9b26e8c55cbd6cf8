// @ts-check
// The vault's one cipher, in plain JavaScript with JSDoc types: the server (TypeScript) and the
// key-rotation script (scripts/rotate-secrets.mjs, which cannot import TypeScript) both use it, so
// there is one implementation of the format. Everything is Node's crypto; nothing is hand-made.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * A vault key: 32 bytes for AES-256-GCM, its public id, and the fingerprint key derived from it.
 * @typedef {{ bytes: Buffer, id: string, fingerprintKey: Buffer }} VaultKey
 */

/**
 * What the database holds for one credential's secrets.
 * @typedef {{ keyId: string, ciphertext: string }} Sealed
 */

/** @typedef {Record<string, string>} Secrets */

/** @typedef {"BadKey" | "KeyFile" | "WrongKey" | "Tampered"} VaultErrorReason */

/** A vault failure; its message says what to do and never holds a secret or a key. */
export class VaultError extends Error {
  /**
   * @param {VaultErrorReason} reason
   * @param {string} message
   */
  constructor(reason, message) {
    super(message);
    this.name = "VaultError";
    /** @type {VaultErrorReason} */
    this.reason = reason;
  }
}

const FORMAT = "v1";
const IV_BYTES = 12;
const KEY_BYTES = 32;

/**
 * @param {Buffer} bytes
 * @param {string} info
 * @param {number} length
 */
function derive(bytes, info, length) {
  return Buffer.from(hkdfSync("sha256", bytes, Buffer.alloc(0), info, length));
}

/**
 * A vault key from 32 random bytes. Its id is derived with HKDF rather than being a plain hash, so
 * the id printed in logs and stored beside each ciphertext says nothing usable about the key.
 * @param {Buffer} bytes
 * @returns {VaultKey}
 */
export function vaultKey(bytes) {
  if (bytes.length !== KEY_BYTES) throw new VaultError("BadKey", `a vault key is ${KEY_BYTES} bytes (got ${bytes.length})`);
  return { bytes: Buffer.from(bytes), id: derive(bytes, "barista vault key id", 8).toString("hex"), fingerprintKey: derive(bytes, "barista vault fingerprint", 32) };
}

/** @returns {VaultKey} */
export function randomVaultKey() {
  return vaultKey(randomBytes(KEY_BYTES));
}

/**
 * The credential's name and the key's id are authenticated with the ciphertext: a ciphertext
 * copied into another credential's row fails to open instead of lending it its secrets.
 * @param {string} name
 * @param {string} keyId
 */
function additionalData(name, keyId) {
  return Buffer.from(`barista-vault/${FORMAT}\0${name}\0${keyId}`, "utf8");
}

/**
 * Encrypts a credential's secrets with AES-256-GCM under a fresh random IV.
 * @param {VaultKey} key
 * @param {string} name
 * @param {Secrets} secrets
 * @returns {Sealed}
 */
export function sealSecrets(key, name, secrets) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  cipher.setAAD(additionalData(name, key.id));
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), "utf8"), cipher.final()]);
  return { keyId: key.id, ciphertext: [FORMAT, iv.toString("base64"), body.toString("base64"), cipher.getAuthTag().toString("base64")].join(".") };
}

/**
 * @param {string} name
 * @returns {VaultError}
 */
function tampered(name) {
  return new VaultError(
    "Tampered",
    `credential "${name}" cannot be opened: its ciphertext was altered or belongs to another credential; delete it and add it again, or restore the database from a backup`,
  );
}

/**
 * Decrypts what sealSecrets made. A ciphertext sealed under another key is named as such (by its
 * key id) rather than failing as garbage; one that was altered or moved fails authentication.
 * @param {VaultKey} key
 * @param {string} name
 * @param {Sealed} sealed
 * @returns {Secrets}
 */
export function openSecrets(key, name, sealed) {
  if (sealed.keyId !== key.id) {
    throw new VaultError(
      "WrongKey",
      `credential "${name}" was sealed under vault key ${sealed.keyId} but this server holds key ${key.id}: the vault was written with another key; set BARISTA_SECRET_KEY to the key it was written with (or put back the key file it was written with)`,
    );
  }
  const parts = sealed.ciphertext.split(".");
  if (parts.length !== 4 || parts[0] !== FORMAT) throw tampered(name);
  const [, iv, body, tag] = parts.map((p) => Buffer.from(p, "base64"));
  let text;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, iv);
    decipher.setAAD(additionalData(name, key.id));
    decipher.setAuthTag(tag);
    text = Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    throw tampered(name);
  }
  const secrets = JSON.parse(text);
  if (!secrets || typeof secrets !== "object" || Object.values(secrets).some((v) => typeof v !== "string")) throw tampered(name);
  return secrets;
}

/**
 * A short digest that tells equal secrets from different ones and reveals nothing: an HMAC under
 * a key derived from the vault key, so the same secret gives another fingerprint on another
 * installation (nobody can test a guess against a fingerprint without the vault key).
 * @param {VaultKey} key
 * @param {Secrets} secrets
 * @returns {string}
 */
export function fingerprintSecrets(key, secrets) {
  const canonical = JSON.stringify(Object.keys(secrets).sort().map((k) => [k, secrets[k]]));
  return createHmac("sha256", key.fingerprintKey).update(canonical, "utf8").digest("hex").slice(0, 16);
}

/**
 * One credential re-encrypted under a new key (key rotation), with the fingerprint the new key gives.
 * @param {VaultKey} from
 * @param {VaultKey} to
 * @param {string} name
 * @param {Sealed} sealed
 * @returns {Sealed & { fingerprint: string }}
 */
export function resealSecrets(from, to, name, sealed) {
  const secrets = openSecrets(from, name, sealed);
  return { ...sealSecrets(to, name, secrets), fingerprint: fingerprintSecrets(to, secrets) };
}
