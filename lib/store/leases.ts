import type { PrismaClient } from "./generated/prisma/client";

/**
 * Named leases: one holder at a time, until a time the holder keeps pushing on. Taking and
 * renewing are one conditional upsert, so two servers asking at once cannot both get it.
 */
export class LeaseRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Takes or renews the lease until `until` when it is free, expired at `now` or already the
   * holder's; answers whether the holder has it now. An upsert whose update is refused by its
   * WHERE changes no row on SQLite and PostgreSQL alike, so the count tells.
   */
  async acquire(name: string, holder: string, now: number, until: number): Promise<boolean> {
    const changed = await this.prisma.$executeRaw`
      INSERT INTO "Lease" ("name", "holder", "until") VALUES (${name}, ${holder}, ${until})
      ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "until" = excluded."until"
      WHERE "Lease"."holder" = excluded."holder" OR "Lease"."until" < ${now}`;
    return changed === 1;
  }

  /** Gives the lease up (when held by `holder`), so another server need not wait for it to expire. */
  async release(name: string, holder: string): Promise<void> {
    await this.prisma.lease.deleteMany({ where: { name, holder } });
  }

  async find(name: string): Promise<{ name: string; holder: string; until: number } | null> {
    return this.prisma.lease.findUnique({ where: { name } });
  }
}
