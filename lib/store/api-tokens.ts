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

/** What a request's authentication needs of a token and its owner, and no more. */
export type TokenForAuth = Pick<ApiToken, "id" | "name" | "role" | "userId" | "expiresAt" | "lastUsedAt"> & { user: Pick<User, "email" | "role" | "namespaceRoles"> | null };

/** Records "last used" at most this often per token, so a busy poller does not write on every request. */
const LAST_USED_GRANULARITY_MS = 60_000;
/** "Last used" marks wait this long in memory and are then written together, off the request's path. */
const LAST_USED_FLUSH_MS = 5_000;

export class ApiTokenRepository {
  private readonly lastUsed = new Map<string, Date>();
  private flushing: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly prisma: PrismaClient) {}

  async create(t: NewApiToken): Promise<ApiToken> {
    return audited(this.prisma, (tx) => tx.apiToken.create({ data: t }));
  }

  /** Read on every request that carries a token: one indexed lookup, the owner's three fields with it. */
  async byHash(hash: string): Promise<TokenForAuth | null> {
    return this.prisma.apiToken.findUnique({
      where: { hash },
      select: { id: true, name: true, role: true, userId: true, expiresAt: true, lastUsedAt: true, user: { select: { email: true, role: true, namespaceRoles: true } } },
    });
  }

  /** Marks a token used; the marks are written in one transaction a few seconds later. */
  touch(t: Pick<ApiToken, "id" | "lastUsedAt">, now: Date): void {
    if (t.lastUsedAt && now.getTime() - t.lastUsedAt.getTime() < LAST_USED_GRANULARITY_MS) return;
    if (this.lastUsed.has(t.id)) return;
    this.lastUsed.set(t.id, now);
    this.flushing ??= setTimeout(() => void this.flushLastUsed(), LAST_USED_FLUSH_MS);
    this.flushing.unref?.();
  }

  /** Writes the pending "last used" marks (a token revoked meanwhile is simply not found). */
  async flushLastUsed(): Promise<void> {
    this.flushing = null;
    const marks = [...this.lastUsed];
    this.lastUsed.clear();
    if (!marks.length) return;
    await this.prisma
      .$transaction(marks.map(([id, at]) => this.prisma.apiToken.updateMany({ where: { id }, data: { lastUsedAt: at } })))
      .catch((e: unknown) => console.error("[barista] could not record when tokens were last used:", e));
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
