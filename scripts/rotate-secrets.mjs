#!/usr/bin/env node
// `npm run secrets:rotate`: re-encrypts every credential of the vault under a new key in one
// transaction. With the key file (no BARISTA_SECRET_KEY), a new key is made (or taken from
// BARISTA_NEW_SECRET_KEY), written beside the old one as <key file>.new before the database
// changes, and moved over it after the commit, so a stop at any point loses no secret: run the
// command again and it finishes. With BARISTA_SECRET_KEY, the new key comes from
// BARISTA_NEW_SECRET_KEY and the command says how to switch to it (always so on PostgreSQL, where
// every server takes the key from BARISTA_SECRET_KEY). Stop Barista first (every server): a running
// server keeps the key it started with.
import Database from "better-sqlite3";
import { existsSync, unlinkSync } from "node:fs";
import { resealSecrets, randomVaultKey } from "../lib/secrets/cipher.mjs";
import { keyFileFor, loadVaultKey, MAKE_KEY, parseVaultKey, pendingKeyFileFor, readKeyFile, replaceKeyFile, writeKeyFile } from "../lib/secrets/vault-key.mjs";
import pg from "pg";
import { databaseTarget } from "../lib/store/database-file.mjs";

/** @typedef {import("../lib/secrets/cipher.mjs").VaultKey} VaultKey */

/** A refusal whose message says what to do. */
class Stop extends Error {}

/**
 * @param {Database.Database} db
 * @returns {{ name: string, ciphertext: string, keyId: string }[]}
 */
function credentials(db) {
  const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'Credential'`).get();
  if (!table) throw new Stop("this database has no vault yet; start Barista once (it brings the database up to date) and run this again");
  return /** @type {{ name: string, ciphertext: string, keyId: string }[]} */ (db.prepare(`SELECT name, ciphertext, keyId FROM "Credential" ORDER BY name`).all());
}

/**
 * Re-encrypts every credential from one key to the other, all in one transaction.
 * @param {Database.Database} db
 * @param {VaultKey} from
 * @param {VaultKey} to
 */
function rotate(db, from, to) {
  const update = db.prepare(`UPDATE "Credential" SET ciphertext = ?, keyId = ?, fingerprint = ? WHERE name = ?`);
  return db.transaction(() => {
    const rows = credentials(db);
    for (const row of rows) {
      const sealed = resealSecrets(from, to, row.name, row);
      update.run(sealed.ciphertext, sealed.keyId, sealed.fingerprint, row.name);
    }
    return rows.length;
  }).immediate();
}

/**
 * A rotation stopped between its commit and the key file's move: the rows already carry the new
 * key's id, so only the move is left. Stopped before the commit, the new key is dropped.
 * @param {Database.Database} db
 * @param {string} keyFile
 * @param {string} pending
 */
function finishInterrupted(db, keyFile, pending) {
  const next = readKeyFile(pending);
  const ids = new Set(credentials(db).map((r) => r.keyId));
  if (ids.size > 0 && [...ids].every((id) => id === next.id)) {
    replaceKeyFile(pending, keyFile);
    console.log(`[barista] finished an interrupted rotation: ${keyFile} now holds key ${next.id}`);
    return true;
  }
  unlinkSync(pending);
  console.log(`[barista] an interrupted rotation had not changed the database; its unused new key was removed`);
  return false;
}

/**
 * The current key and the new one, both from the environment (the only way on PostgreSQL).
 * @param {Record<string, string | undefined>} env
 */
function keysFromEnv(env) {
  const current = env.BARISTA_SECRET_KEY?.trim();
  const fresh = env.BARISTA_NEW_SECRET_KEY?.trim();
  if (!current) throw new Stop(`set BARISTA_SECRET_KEY to the key the servers use now, and BARISTA_NEW_SECRET_KEY to the new one (${MAKE_KEY})`);
  if (!fresh) throw new Stop(`BARISTA_SECRET_KEY holds the current key: put the new one in BARISTA_NEW_SECRET_KEY (${MAKE_KEY}) and run this again`);
  const from = parseVaultKey(current, "BARISTA_SECRET_KEY");
  const to = parseVaultKey(fresh, "BARISTA_NEW_SECRET_KEY");
  if (to.id === from.id) throw new Stop("BARISTA_NEW_SECRET_KEY is the current key; give it a new one");
  return { from, to };
}

/**
 * PostgreSQL: every credential re-encrypted in one transaction, the rows locked against a server
 * that was left running.
 * @param {string} url
 * @param {Record<string, string | undefined>} env
 */
async function rotatePostgres(url, env) {
  const { from, to } = keysFromEnv(env);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('public."Credential"') AS t`);
    if (!exists.rows[0].t) throw new Stop("this database has no vault yet; start Barista once (it brings the database up to date) and run this again");
    await client.query("BEGIN");
    try {
      const { rows } = await client.query(`SELECT name, ciphertext, "keyId" FROM "Credential" ORDER BY name FOR UPDATE`);
      for (const row of rows) {
        const sealed = resealSecrets(from, to, row.name, row);
        await client.query(`UPDATE "Credential" SET ciphertext = $1, "keyId" = $2, fingerprint = $3 WHERE name = $4`, [sealed.ciphertext, sealed.keyId, sealed.fingerprint, row.name]);
      }
      await client.query("COMMIT");
      console.log(`[barista] re-encrypted ${rows.length} credential(s) from key ${from.id} to key ${to.id}`);
      console.log("[barista] now set BARISTA_SECRET_KEY to the value of BARISTA_NEW_SECRET_KEY on every Barista server, then start them: the old key no longer opens the vault");
    } catch (e) {
      await client.query("ROLLBACK");
      throw e;
    }
  } finally {
    await client.end();
  }
}

async function main() {
  const env = process.env;
  const target = databaseTarget(env);
  if (target.provider === "postgresql") return rotatePostgres(target.url, env);
  const file = target.file;
  if (!existsSync(file)) throw new Stop(`no database at ${file}; set DATABASE_URL to the database Barista uses`);
  const keyFile = keyFileFor(file);
  const pending = pendingKeyFileFor(keyFile);
  const fromEnv = Boolean(env.BARISTA_SECRET_KEY?.trim());
  const db = new Database(file, { timeout: 10_000 });
  try {
    if (!fromEnv && existsSync(pending) && finishInterrupted(db, keyFile, pending)) return;
    const current = loadVaultKey({ env, keyFile, create: false });
    if (!current) throw new Stop(`no vault key (BARISTA_SECRET_KEY is not set and ${keyFile} does not exist): nothing was ever sealed, so there is nothing to rotate`);
    const newFromEnv = env.BARISTA_NEW_SECRET_KEY?.trim();
    if (fromEnv && !newFromEnv) throw new Stop(`BARISTA_SECRET_KEY holds the current key: put the new one in BARISTA_NEW_SECRET_KEY (${MAKE_KEY}) and run this again`);
    const next = newFromEnv ? parseVaultKey(newFromEnv, "BARISTA_NEW_SECRET_KEY") : randomVaultKey();
    if (next.id === current.key.id) throw new Stop("BARISTA_NEW_SECRET_KEY is the current key; give it a new one");

    if (current.source === "env") {
      const count = rotate(db, current.key, next);
      console.log(`[barista] re-encrypted ${count} credential(s) from key ${current.key.id} to key ${next.id}`);
      console.log("[barista] now set BARISTA_SECRET_KEY to the value of BARISTA_NEW_SECRET_KEY wherever Barista runs, then start it: the old key no longer opens the vault");
      return;
    }
    // The new key is on disk before any row depends on it, and replaces the old one only after the commit.
    writeKeyFile(pending, next);
    let count;
    try {
      count = rotate(db, current.key, next);
    } catch (e) {
      unlinkSync(pending);
      throw e;
    }
    replaceKeyFile(pending, keyFile);
    console.log(`[barista] re-encrypted ${count} credential(s) from key ${current.key.id} to key ${next.id}; ${keyFile} holds the new key and the old one is gone`);
  } finally {
    db.close();
  }
}

main().catch((e) => {
  // The messages say what to do and hold no secret (the vault's errors never carry one); a failed
  // transaction changed nothing, and a stop after it is finished by running the command again.
  console.error(`[barista] key rotation stopped: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
