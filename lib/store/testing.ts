import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDb } from "./db";
import type { PrismaClient } from "./generated/prisma/client";
import { migrateDatabase } from "./migrate";

export interface TempDatabase {
  file: string;
  prisma: PrismaClient;
  /** A second client on the same file, as a restarted server would open it. */
  reopen(): PrismaClient;
  cleanup(): Promise<void>;
}

/** A real, migrated SQLite file in a temporary folder, for tests. */
export function tempDatabase(): TempDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), "barista-test-"));
  const file = path.join(dir, "test.db");
  migrateDatabase(file);
  const clients: PrismaClient[] = [];
  const open = () => {
    const c = openDb(file);
    clients.push(c);
    return c;
  };
  return {
    file,
    prisma: open(),
    reopen: open,
    async cleanup() {
      await Promise.all(clients.map((c) => c.$disconnect()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
