import { databaseTarget, redactDatabaseUrl } from "./database-file.mjs";
import { migrateDatabase } from "./migrate";
import { migratePostgres, withStartupLock } from "./migrate-postgres.mjs";

/** Applies the migrations the database lacks, on SQLite or PostgreSQL; says where it is (no password). */
export async function bringDatabaseUpToDate(): Promise<{ where: string; applied: string[] }> {
  const target = databaseTarget();
  if (target.provider === "sqlite") return { where: target.file, applied: migrateDatabase(target.file).applied };
  return { where: `PostgreSQL ${redactDatabaseUrl(target.url)}`, applied: (await migratePostgres(target.url)).applied };
}

/** Runs start-up work one server at a time when several share a PostgreSQL database (SQLite has one server). */
export async function underStartupLock<T>(work: () => Promise<T>): Promise<T> {
  const target = databaseTarget();
  return target.provider === "postgresql" ? withStartupLock(target.url, work) : work();
}
