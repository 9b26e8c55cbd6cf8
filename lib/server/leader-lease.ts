import type { Clock } from "@/lib/core/clock";

/** How long the leader's lease lasts without renewal. */
export const LEADER_LEASE_MS = 10_000;
/** How often the leader renews and the others try to take over: within LEADER_LEASE_MS + this of a loss. */
export const LEADER_RENEW_MS = 3_000;
/**
 * The leader stops acting this long before its lease runs out, should its renewals fail: clocks of
 * two machines differ a little, and a follower must never act while the old leader still does.
 */
const SAFETY_MS = 2_000;

export interface LeaseStore {
  acquire(name: string, holder: string, now: number, until: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

export interface LeaderLeaseOptions {
  store: LeaseStore;
  name: string;
  /** This server's id. */
  holder: string;
  clock: Clock;
  ttlMs?: number;
  renewEveryMs?: number;
  onChange?: (leader: boolean) => void;
  onError?: (e: unknown) => void;
}

/**
 * One leader among the servers sharing the database, for the jobs that must run once. Every
 * server tries every few seconds: the holder renews its lease, the others take it once it ran out
 * (the leader died or lost the database), so a follower leads within ttl + renew interval of the
 * loss — 13 s with the defaults.
 */
export class LeaderLease {
  private heldUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private wasLeader = false;
  private readonly ttlMs: number;

  constructor(private readonly o: LeaderLeaseOptions) {
    this.ttlMs = o.ttlMs ?? LEADER_LEASE_MS;
  }

  /** Takes or renews the lease if it can; answers whether this server leads now. */
  async tick(): Promise<boolean> {
    const now = this.o.clock.now();
    try {
      if (await this.o.store.acquire(this.o.name, this.o.holder, now, now + this.ttlMs)) this.heldUntil = now + this.ttlMs;
    } catch (e) {
      // Unreachable database: keep leading only while the lease taken before surely holds.
      this.o.onError?.(e);
    }
    return this.isLeader();
  }

  /** Whether this server leads now: it holds a lease that has not run out (less a safety margin). */
  isLeader(): boolean {
    const leader = this.o.clock.now() < this.heldUntil - Math.min(SAFETY_MS, this.ttlMs / 5);
    if (leader !== this.wasLeader) {
      this.wasLeader = leader;
      this.o.onChange?.(leader);
    }
    return leader;
  }

  async start(): Promise<void> {
    await this.tick();
    this.timer ??= setInterval(() => void this.tick(), this.o.renewEveryMs ?? LEADER_RENEW_MS);
    this.timer.unref();
  }

  /** Stops trying and gives the lease up, so another server leads at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.heldUntil = 0;
    this.isLeader();
    await this.o.store.release(this.o.name, this.o.holder);
  }
}
