import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Brings the database file up to date with prisma/migrations, recording each migration in
 * Prisma's own `_prisma_migrations` table (sha256 checksum) so `prisma migrate status` agrees.
 * Runs at server start, so `npm start` needs no separate migrate step.
 */
export function migrateDatabase(file: string, migrationsDir = path.join(process.cwd(), "prisma", "migrations")): MigrationResult {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(CREATE_TABLE);
    const done = new Set(
      (db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string }[]).map(
        (r) => r.migration_name,
      ),
    );
    // The migrations are read at run time from the project, not bundled: keep the tracer out of it.
    const names = existsSync(/* turbopackIgnore: true */ migrationsDir)
      ? readdirSync(/* turbopackIgnore: true */ migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
      : [];
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const file = path.join(migrationsDir, name, "migration.sql");
      const sql = readFileSync(/* turbopackIgnore: true */ file, "utf8");
      applyOne(db, name, sql);
      applied.push(name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    db.close();
  }
}

function applyOne(db: Database.Database, name: string, sql: string): void {
  const checksum = createHash("sha256").update(sql).digest("hex");
  const id = randomUUID();
  // Foreign keys must be off outside the transaction: SQLite ignores the pragma inside one, and
  // Prisma's table-redefining migrations would otherwise cascade-delete child rows.
  db.pragma("foreign_keys = OFF");
  try {
    db.transaction(() => {
      db.prepare(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)`).run(
        id,
        checksum,
        name,
        new Date().toISOString(),
      );
      db.exec(sql);
      const broken = db.pragma("foreign_key_check") as unknown[];
      if (broken.length > 0) throw new Error(`migration ${name} leaves ${broken.length} rows with broken foreign keys`);
      db.prepare(`UPDATE _prisma_migrations SET finished_at = ?, applied_steps_count = 1 WHERE id = ?`).run(new Date().toISOString(), id);
    })();
  } finally {
    db.pragma("foreign_keys = ON");
  }
}
