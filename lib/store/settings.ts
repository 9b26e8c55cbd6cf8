import { randomUUID } from "node:crypto";
import type { PrismaClient } from "./generated/prisma/client";

const INSTALLATION_ID = "installation-id";

export class SettingsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async get(key: string): Promise<string | null> {
    return (await this.prisma.setting.findUnique({ where: { key } }))?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.prisma.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }

  /** Stores the value unless the key is set already; answers the value the table keeps. */
  async setIfAbsent(key: string, value: string): Promise<string> {
    // An empty update keeps a value another server stored first.
    return (await this.prisma.setting.upsert({ where: { key }, create: { key, value }, update: {} })).value;
  }

  /** Removes the setting if it still holds `value`: true for the one caller that took it. */
  async takeIf(key: string, value: string): Promise<boolean> {
    return (await this.prisma.setting.deleteMany({ where: { key, value } })).count === 1;
  }

  /** This installation's id: made at random the first time it is asked for, the same ever after. */
  async installationId(): Promise<string> {
    // An empty update keeps the stored value, so servers sharing the database agree on one id.
    const row = await this.prisma.setting.upsert({ where: { key: INSTALLATION_ID }, create: { key: INSTALLATION_ID, value: randomUUID() }, update: {} });
    return row.value;
  }
}
