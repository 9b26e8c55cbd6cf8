import { AlertRepository } from "./alerts";
import { AppInstallRepository } from "./apps";
import { ApiTokenRepository } from "./api-tokens";
import { CommandRepository } from "./commands";
import { AuditRepository } from "./audit";
import { ConnectionRepository } from "./connections";
import { CredentialRepository } from "./credentials";
import { DatabaseProbe } from "./database-probe";
import { db } from "./db";
import type { PrismaClient } from "./generated/prisma/client";
import { MciRepository } from "./mci";
import { MonitoredVmRepository } from "./monitored-vms";
import { SettingsRepository } from "./settings";
import { UserRepository } from "./users";
import { PrismaSimStore } from "./sim-store";
import { WorkQueueRepository } from "./work-queue";
import { LeaseRepository } from "./leases";
import { ServerNodeRepository } from "./server-nodes";
import { HostKeyRepository } from "./host-keys";
import { PrismaSshHostStore } from "./ssh-hosts";

export interface Stores {
  connections: ConnectionRepository;
  credentials: CredentialRepository;
  settings: SettingsRepository;
  sim: PrismaSimStore;
  mci: MciRepository;
  queue: WorkQueueRepository;
  alerts: AlertRepository;
  monitoredVms: MonitoredVmRepository;
  database: DatabaseProbe;
  users: UserRepository;
  tokens: ApiTokenRepository;
  audit: AuditRepository;
  hostKeys: HostKeyRepository;
  commands: CommandRepository;
  apps: AppInstallRepository;
  sshHosts: PrismaSshHostStore;
  serverNodes: ServerNodeRepository;
  leases: LeaseRepository;
}

/** Repositories over one database (the process's own by default). */
export function stores(prisma: PrismaClient = db()): Stores {
  return {
    connections: new ConnectionRepository(prisma),
    credentials: new CredentialRepository(prisma),
    settings: new SettingsRepository(prisma),
    sim: new PrismaSimStore(prisma),
    mci: new MciRepository(prisma),
    queue: new WorkQueueRepository(prisma),
    alerts: new AlertRepository(prisma),
    hostKeys: new HostKeyRepository(prisma),
    sshHosts: new PrismaSshHostStore(prisma),
    monitoredVms: new MonitoredVmRepository(prisma),
    database: new DatabaseProbe(prisma),
    users: new UserRepository(prisma),
    tokens: new ApiTokenRepository(prisma),
    audit: new AuditRepository(prisma),
    commands: new CommandRepository(prisma),
    apps: new AppInstallRepository(prisma),
    serverNodes: new ServerNodeRepository(prisma),
    leases: new LeaseRepository(prisma),
  };
}

export { databaseFile, databaseTarget } from "./database-file.mjs";
export { SettingsRepository } from "./settings";
export { db, disconnectDb, isPostgres, openDb } from "./db";
export { migrateDatabase } from "./migrate";
export { bringDatabaseUpToDate, underStartupLock } from "./bring-up-to-date";
export { MetricStore } from "./metrics";
export type { PrismaClient as Database } from "./generated/prisma/client";
export { ApiTokenRepository, type TokenWithUser } from "./api-tokens";
export { UserRepository } from "./users";
export { AuditRepository, type AuditFilter } from "./audit";
export { HostKeyRepository } from "./host-keys";
export { CommandRepository, type CommandVmChange, type CommandWithVms, type NewCommandVm } from "./commands";
export { runAudited, type AuditRecord, type AuditScope } from "./audit-scope";
