import path from "node:path";

/** The SQLite file behind `DATABASE_URL` (default `file:./data/barista.db`, relative to the working directory). */
export function databaseFile(): string {
  const url = process.env.DATABASE_URL ?? "file:./data/barista.db";
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file URL such as file:./data/barista.db (got "${url}")`);
  }
  return path.resolve(url.slice("file:".length).replace(/\?.*$/, ""));
}
