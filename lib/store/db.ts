import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { databaseTarget } from "./database-file.mjs";
import { sqliteInTurns } from "./sqlite-turns";

const globalForPrisma = globalThis as unknown as { baristaPrisma?: PrismaClient };
const postgresClients = new WeakSet<object>();

/**
 * Connections per server to PostgreSQL; several servers share the database's `max_connections`.
 * The reconciler runs 48 steps at once, each waiting on a connection for every statement: with 10,
 * a 1,000-VM deployment issued its creates in 8.9 s, with 20 in about 5 s (bench/RESULTS.md).
 */
const DEFAULT_POOL = 20;

function poolSize(): number {
  const n = Number(process.env.BARISTA_DB_POOL ?? DEFAULT_POOL);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_POOL;
}

/**
 * A client on a SQLite file (a path or `file:` URL; waits up to 10 s for a lock instead of failing
 * at once) or on PostgreSQL (`postgresql://…`). Both answer the same models: the PostgreSQL client
 * is generated from the same schema (scripts/prisma-postgres.mjs), so it is typed as the SQLite one.
 */
export function openDb(target: string): PrismaClient {
  if (/^postgres(ql)?:\/\//.test(target)) {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: target, max: poolSize() }) });
    postgresClients.add(client);
    return client as unknown as PrismaClient;
  }
  const file = target.startsWith("file:") ? target.slice("file:".length) : target;
  return new PrismaClient({ adapter: sqliteInTurns(new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 })) });
}

/** Whether a client speaks PostgreSQL (for the few statements the two databases spell differently). */
export function isPostgres(prisma: object): boolean {
  return postgresClients.has(prisma);
}

/** The process's client (dev reloads modules, so it is cached on globalThis). */
export function db(): PrismaClient {
  if (!globalForPrisma.baristaPrisma) {
    const target = databaseTarget();
    globalForPrisma.baristaPrisma = openDb(target.provider === "sqlite" ? target.file : target.url);
  }
  return globalForPrisma.baristaPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.baristaPrisma?.$disconnect();
  globalForPrisma.baristaPrisma = undefined;
}
