// @ts-check
// Plain JavaScript so that scripts/ (which cannot import TypeScript) find the database where the server does.
import path from "node:path";

const DEFAULT_URL = "file:./data/barista.db";

/**
 * @typedef {{ provider: "sqlite", url: string, file: string } | { provider: "postgresql", url: string }} DatabaseTarget
 */

/**
 * `DATABASE_URL` without its password, for messages and logs.
 * @param {string} url
 */
export function redactDatabaseUrl(url) {
  // Greedy to the last @: a password may hold one unencoded; hiding too much is the safe side.
  return url.replace(/^(\w+:\/\/[^:/@]*):.*@/, "$1:***@");
}

/**
 * The database behind `DATABASE_URL`: a SQLite file (`file:./data/barista.db`, the default, relative
 * to the working directory) or a PostgreSQL server (`postgresql://user:password@host:5432/barista`).
 * @param {Record<string, string | undefined>} [env]
 * @returns {DatabaseTarget}
 */
export function databaseTarget(env = process.env) {
  const url = env.DATABASE_URL || DEFAULT_URL;
  if (url.startsWith("file:")) return { provider: "sqlite", url, file: path.resolve(url.slice("file:".length).replace(/\?.*$/, "")) };
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  throw new Error(
    `DATABASE_URL must be a SQLite file URL such as ${DEFAULT_URL} or a PostgreSQL URL such as postgresql://barista:password@db.example.com:5432/barista (got "${redactDatabaseUrl(url)}")`,
  );
}

/**
 * The SQLite file behind `DATABASE_URL`; an error that says so when it names PostgreSQL.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string}
 */
export function databaseFile(env = process.env) {
  const target = databaseTarget(env);
  if (target.provider !== "sqlite") throw new Error(`this needs a SQLite database file, and DATABASE_URL names PostgreSQL (${redactDatabaseUrl(target.url)})`);
  return target.file;
}
