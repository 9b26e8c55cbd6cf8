import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDb } from "./db";
import type { PrismaClient } from "./generated/prisma/client";
import { migrateDatabase } from "./migrate";
import { postgresBinDir } from "./postgres-cluster.mjs";
import { TEST_POSTGRES_ENV, TEST_TEMPLATE } from "./testing-postgres.mjs";

export interface TempDatabase {
  provider: "sqlite" | "postgresql";
  /** The SQLite file; empty on PostgreSQL. */
  file: string;
  /** What openDb takes: the SQLite file or the PostgreSQL URL. */
  url: string;
  prisma: PrismaClient;
  /** A second client on the same database, as a restarted server (or another server) would open it. */
  reopen(): PrismaClient;
  cleanup(): Promise<void>;
}

/**
 * A real, migrated database for tests: a SQLite file in a temporary folder, or, with
 * BARISTA_TEST_DATABASE=postgresql (the vitest project `postgresql`), a new database made from a
 * migrated template on the cluster its global setup started.
 */
export function tempDatabase(): TempDatabase {
  if (process.env.BARISTA_TEST_DATABASE !== "postgresql") return sqliteDatabase();
  const admin = process.env[TEST_POSTGRES_ENV];
  if (!admin) throw new Error(`BARISTA_TEST_DATABASE=postgresql needs ${TEST_POSTGRES_ENV}: the URL of a PostgreSQL cluster holding the migrated ${TEST_TEMPLATE} database`);
  return postgresDatabase(admin);
}

function withClients(provider: TempDatabase["provider"], file: string, url: string, drop: () => void): TempDatabase {
  const clients: PrismaClient[] = [];
  const open = () => {
    const c = openDb(url);
    clients.push(c);
    return c;
  };
  return {
    provider,
    file,
    url,
    prisma: open(),
    reopen: open,
    async cleanup() {
      await Promise.all(clients.map((c) => c.$disconnect()));
      drop();
    },
  };
}

function sqliteDatabase(): TempDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), "barista-test-"));
  const file = path.join(dir, "test.db");
  migrateDatabase(file);
  return withClients("sqlite", file, file, () => rmSync(dir, { recursive: true, force: true }));
}

function postgresDatabase(adminUrl: string): TempDatabase {
  const name = `t_${randomBytes(6).toString("hex")}`;
  // Synchronous, like the SQLite path: a copy of the migrated template takes a few milliseconds.
  psql(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${TEST_TEMPLATE}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return withClients("postgresql", "", url.toString(), () => psql(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

function psql(url: string, sql: string): void {
  const r = spawnSync(path.join(postgresBinDir() ?? "/usr/bin", "psql"), [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr || r.error?.message}`);
}
