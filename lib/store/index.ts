import { ConnectionRepository } from "./connections";
import { db } from "./db";
import type { PrismaClient } from "./generated/prisma/client";
import { SettingsRepository } from "./settings";
import { PrismaSimStore } from "./sim-store";

export interface Stores {
  connections: ConnectionRepository;
  settings: SettingsRepository;
  sim: PrismaSimStore;
}

/** Repositories over one database (the process's own by default). */
export function stores(prisma: PrismaClient = db()): Stores {
  return { connections: new ConnectionRepository(prisma), settings: new SettingsRepository(prisma), sim: new PrismaSimStore(prisma) };
}

export { databaseFile } from "./database-file";
export { disconnectDb, openDb } from "./db";
export { migrateDatabase } from "./migrate";
