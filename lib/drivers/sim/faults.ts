import { ThrottledError } from "@/lib/core/errors";
import type { Clock } from "@/lib/core/clock";
import type { FaultMode } from "./config";

interface Bucket {
  burst: number;
  perSecond: number;
}

export interface FaultProfile {
  /** EC2-style token buckets per connection: reads and mutations are limited separately. */
  throttle: { read: Bucket; write: Bucket } | null;
  /** Chance that a spec is out of stock in a region during one 10-minute window of simulated time. */
  stockoutRate: number;
  /** Chance that a call fails inside the provider before it takes effect (HTTP 500/503). */
  transientRate: number;
  /** Chance that a mutating call takes effect but its reply is lost (a timeout to the caller). */
  lostReplyRate: number;
  /** Chance that a VM never boots and ends Failed. */
  bootFailureRate: number;
}

export const FAULT_PROFILES: Record<FaultMode, FaultProfile> = {
  off: { throttle: null, stockoutRate: 0, transientRate: 0, lostReplyRate: 0, bootFailureRate: 0 },
  // EC2's documented defaults: describe calls 100 burst / 20 per s, mutating calls 50 / 5.
  realistic: {
    throttle: { read: { burst: 100, perSecond: 20 }, write: { burst: 50, perSecond: 5 } },
    stockoutRate: 0.02,
    transientRate: 0.005,
    lostReplyRate: 0.002,
    bootFailureRate: 0.01,
  },
  chaos: {
    throttle: { read: { burst: 30, perSecond: 5 }, write: { burst: 10, perSecond: 1 } },
    stockoutRate: 0.15,
    transientRate: 0.05,
    lostReplyRate: 0.03,
    bootFailureRate: 0.08,
  },
};

export const STOCKOUT_WINDOW_MS = 10 * 60 * 1000;

/**
 * Token buckets live in memory, per connection: after a restart a real provider's buckets are
 * full again from our point of view too. Refill runs on simulated time (scaled by the speed).
 */
export class Throttle {
  private readonly tokens = new Map<string, { read: number; write: number; at: number }>();

  constructor(
    private readonly profile: FaultProfile,
    private readonly clock: Clock,
    private readonly speed: number,
  ) {}

  take(connection: string, kind: "read" | "write", operation: string): void {
    const limits = this.profile.throttle;
    if (!limits) return;
    const now = this.clock.now();
    const state = this.tokens.get(connection) ?? { read: limits.read.burst, write: limits.write.burst, at: now };
    const elapsedSimSeconds = ((now - state.at) / 1000) * this.speed;
    state.read = Math.min(limits.read.burst, state.read + elapsedSimSeconds * limits.read.perSecond);
    state.write = Math.min(limits.write.burst, state.write + elapsedSimSeconds * limits.write.perSecond);
    state.at = now;
    this.tokens.set(connection, state);
    if (state[kind] < 1) {
      const waitMs = Math.ceil(((1 - state[kind]) / limits[kind].perSecond) * 1000 / this.speed);
      throw new ThrottledError(`${operation}: request limit exceeded for ${connection} (RequestLimitExceeded); retry after ${waitMs} ms`, waitMs);
    }
    state[kind] -= 1;
  }
}
