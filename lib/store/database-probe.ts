import type { PrismaClient } from "./generated/prisma/client";

/** For the health check: one read of a real table proves the file opens, is a database and holds the schema. */
export class DatabaseProbe {
  constructor(private readonly prisma: PrismaClient) {}

  async read(): Promise<void> {
    await this.prisma.setting.findFirst({ select: { key: true } });
  }
}
