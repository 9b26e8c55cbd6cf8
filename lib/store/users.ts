import type { PrismaClient, User } from "./generated/prisma/client";
import { randomUUID } from "node:crypto";
import { audited } from "./audit-scope";
import { insertUnique } from "./unique";

export type UserPatch = Partial<Pick<User, "name" | "role" | "namespaceRoles">> & { passwordHash?: string };

export interface NewUserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  namespaceRoles: string;
  passwordHash: string;
}

/** Users as Barista sees them (better-auth makes them and checks their passwords). */
export class UserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async count(): Promise<number> {
    return this.prisma.user.count();
  }

  async list(): Promise<User[]> {
    return this.prisma.user.findMany({ orderBy: { createdAt: "asc" } });
  }

  async find(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  async countAdmins(): Promise<number> {
    return this.prisma.user.count({ where: { role: "admin" } });
  }

  /** The user and its password account (better-auth's `credential` provider), as better-auth would write them. */
  async create(u: NewUserRow): Promise<User> {
    const { passwordHash, ...user } = u;
    return insertUnique(
      "User",
      () =>
        audited(this.prisma, async (tx) => {
          const row = await tx.user.create({ data: { ...user, emailVerified: true } });
          await tx.account.create({ data: { id: randomUUID(), accountId: u.id, providerId: "credential", userId: u.id, password: passwordHash } });
          return row;
        }),
      () => `a user with the email "${u.email}" already exists`,
      "email",
    );
  }

  /** Changes a user; a new role or password ends their sessions, so it holds at once. */
  async update(id: string, patch: UserPatch): Promise<User> {
    const { passwordHash, ...fields } = patch;
    return audited(this.prisma, async (tx) => {
      const user = await tx.user.update({ where: { id }, data: fields });
      if (passwordHash) await tx.account.updateMany({ where: { userId: id, providerId: "credential" }, data: { password: passwordHash } });
      if (fields.role !== undefined || passwordHash) await tx.session.deleteMany({ where: { userId: id } });
      return user;
    });
  }

  async remove(id: string): Promise<void> {
    await audited(this.prisma, (tx) => tx.user.deleteMany({ where: { id } }));
  }

  async sessions(userId: string) {
    return this.prisma.session.findMany({ where: { userId, expiresAt: { gt: new Date() } }, orderBy: { updatedAt: "desc" } });
  }

  async removeSession(userId: string, id: string): Promise<number> {
    return audited(this.prisma, async (tx) => (await tx.session.deleteMany({ where: { id, userId } })).count);
  }
}
