import type { ApiToken, PrismaClient, User } from "./generated/prisma/client";
import { audited } from "./audit-scope";

export interface NewApiToken {
  id: string;
  name: string;
  role: string;
  hash: string;
  start: string;
  userId: string | null;
  expiresAt: Date | null;
}

export type TokenWithUser = ApiToken & { user: User | null };

/** Records "last used" at most this often per token, so a busy poller does not write on every request. */
const LAST_USED_GRANULARITY_MS = 60_000;

export class ApiTokenRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(t: NewApiToken): Promise<ApiToken> {
    return audited(this.prisma, (tx) => tx.apiToken.create({ data: t }));
  }

  async byHash(hash: string): Promise<TokenWithUser | null> {
    return this.prisma.apiToken.findUnique({ where: { hash }, include: { user: true } });
  }

  async touch(t: ApiToken, now: Date): Promise<void> {
    if (t.lastUsedAt && now.getTime() - t.lastUsedAt.getTime() < LAST_USED_GRANULARITY_MS) return;
    await this.prisma.apiToken.updateMany({ where: { id: t.id }, data: { lastUsedAt: now } });
  }

  /** Every token, or one user's; newest first. */
  async list(userId?: string): Promise<TokenWithUser[]> {
    return this.prisma.apiToken.findMany({ where: userId ? { userId } : {}, orderBy: { createdAt: "desc" }, include: { user: true } });
  }

  async find(id: string): Promise<ApiToken | null> {
    return this.prisma.apiToken.findUnique({ where: { id } });
  }

  async remove(id: string): Promise<void> {
    await audited(this.prisma, (tx) => tx.apiToken.deleteMany({ where: { id } }));
  }
}
