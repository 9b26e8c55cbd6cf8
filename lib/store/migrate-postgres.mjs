// @ts-check
// Plain JavaScript so that the script writing PostgreSQL migrations applies them the way the server does.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** Any constant shared by every Barista server: the advisory lock under which one of them migrates. */
const MIGRATION_LOCK = 7_340_214_001;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export const POSTGRES_MIGRATIONS = path.join("prisma", "postgresql", "migrations");

/**
 * Brings a PostgreSQL database up to date with prisma/postgresql/migrations, each migration in a
 * transaction of its own (PostgreSQL's DDL is transactional) and recorded in Prisma's
 * `_prisma_migrations` table. Servers that start together take turns on an advisory lock, so the
 * first applies what is missing and the others find it done.
 * @param {string} url
 * @param {string} [migrationsDir]
 * @returns {Promise<{ applied: string[], alreadyApplied: number }>}
 */
export async function migratePostgres(url, migrationsDir = path.join(process.cwd(), POSTGRES_MIGRATIONS)) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const done = new Set(rows.map((r) => r.migration_name));
    // Read at run time from the project, not bundled: keep the tracer out of it.
    const names = existsSync(/* turbopackIgnore: true */ migrationsDir)
      ? readdirSync(/* turbopackIgnore: true */ migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
      : [];
    const applied = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = readFileSync(/* turbopackIgnore: true */ path.join(migrationsDir, name, "migration.sql"), "utf8");
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
          id,
          createHash("sha256").update(sql).digest("hex"),
          name,
        ]);
        await client.query(sql);
        await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`PostgreSQL migration ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      applied.push(name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    await client.end();
  }
}

/** The lock under which a starting server seeds what must exist once (built-in connections, the default namespace). */
const STARTUP_LOCK = 7_340_214_002;

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so servers starting together take turns:
 * the first makes what is missing and the next finds it made.
 * @template T
 * @param {string} url
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withStartupLock(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    await client.end();
  }
}
