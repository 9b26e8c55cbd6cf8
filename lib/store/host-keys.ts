import type { HostKeyPins } from "@/lib/remote/ssh-client";
import type { PrismaClient } from "./generated/prisma/client";
import { uniqueViolation } from "./unique";

/** The pinned SSH host keys: the first key a host offers is kept, a different one later is refused. */
export class HostKeyRepository implements HostKeyPins {
  constructor(private readonly prisma: PrismaClient) {}

  async check(hostId: string, fingerprint: string): Promise<string | null> {
    let pinned = await this.prisma.hostKey.findUnique({ where: { hostId } });
    if (!pinned) {
      try {
        pinned = await this.prisma.hostKey.create({ data: { hostId, fingerprint } });
      } catch (e) {
        // Two first contacts at once: the one that pinned first decides.
        if (!uniqueViolation(e)) throw e;
        pinned = await this.prisma.hostKey.findUniqueOrThrow({ where: { hostId } });
      }
    }
    if (pinned.fingerprint === fingerprint) return null;
    return `the host key of ${hostId} changed: it was ${pinned.fingerprint} when first seen on ${pinned.pinnedAt.toISOString()}, now it is ${fingerprint}. If the host was rebuilt, forget its key with DELETE /api/v1/host-keys/${encodeURIComponent(hostId)}; otherwise someone may be in the middle`;
  }

  list(): Promise<{ hostId: string; fingerprint: string; pinnedAt: Date }[]> {
    return this.prisma.hostKey.findMany({ orderBy: { hostId: "asc" } });
  }

  /** Forgets a pin, so the next contact pins whatever key the host offers: true when there was one. */
  async forget(hostId: string): Promise<boolean> {
    return (await this.prisma.hostKey.deleteMany({ where: { hostId } })).count === 1;
  }
}
