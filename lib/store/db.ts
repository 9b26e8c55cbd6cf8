import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { databaseFile } from "./database-file.mjs";

const globalForPrisma = globalThis as unknown as { baristaPrisma?: PrismaClient };

/** A client on one SQLite file; waits up to 10 s for a lock instead of failing at once. */
export function openDb(file: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 }) });
}

/** The process's client (dev reloads modules, so it is cached on globalThis). */
export function db(): PrismaClient {
  globalForPrisma.baristaPrisma ??= openDb(databaseFile());
  return globalForPrisma.baristaPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.baristaPrisma?.$disconnect();
  globalForPrisma.baristaPrisma = undefined;
}
