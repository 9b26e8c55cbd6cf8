// @ts-check
// Plain JavaScript so that scripts/ (which cannot import TypeScript) find the database where the server does.
import path from "node:path";

/**
 * The SQLite file behind `DATABASE_URL` (default `file:./data/barista.db`, relative to the working directory).
 * @param {Record<string, string | undefined>} [env]
 * @returns {string}
 */
export function databaseFile(env = process.env) {
  const url = env.DATABASE_URL ?? "file:./data/barista.db";
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file URL such as file:./data/barista.db (got "${url}")`);
  }
  return path.resolve(url.slice("file:".length).replace(/\?.*$/, ""));
}
