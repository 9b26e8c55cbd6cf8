import { UnavailableError } from "@/lib/core/errors";
import type { ConnectionConfig } from "../types";
import type { SimConfig } from "./config";
import { FAULT_PROFILES, Throttle, type FaultProfile } from "./faults";
import { unit } from "./random";
import type { SimStore } from "./store";

/**
 * Attempt counters kept at most. A retry follows its failure within seconds, so only recently
 * called targets need their count; one called that long ago starts counting again.
 */
export const MAX_TRACKED_ATTEMPTS = 10_000;

/**
 * The simulated provider side, shared by every connection in the process: its state store, its
 * API limits and its fault dice. Drivers are cheap views onto it for one connection.
 */
/** Where the simulator's SSH server listens (on 127.0.0.1), once it runs in this process. */
export interface SimSshAddress {
  readonly port: number;
}

export class SimCloud {
  readonly profile: FaultProfile;
  /** Set by whoever started the simulator's SSH server (the server's start-up, or a test). */
  ssh: SimSshAddress | null = null;
  private readonly throttle: Throttle;
  private readonly attempts = new Map<string, number>();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    readonly store: SimStore,
    readonly config: SimConfig,
  ) {
    this.profile = FAULT_PROFILES[config.faults];
    this.throttle = new Throttle(this.profile, config.clock, config.speed);
  }

  now(): number {
    return this.config.clock.now();
  }

  /**
   * One provider API call: rate limit, then a chance of an internal error before it takes effect,
   * then the work, then (for mutations) a chance the reply is lost after it took effect.
   */
  async call<T>(conn: ConnectionConfig, op: string, kind: "read" | "write", target: string, work: () => Promise<T>): Promise<T> {
    const scope = `${conn.credential}@${conn.provider}-${conn.region}`;
    this.throttle.take(scope, kind, op);
    const attemptKey = `${scope}|${op}|${target}`;
    const attempt = this.nextAttempt(attemptKey);
    const { seed } = this.config;
    if (unit(seed, "transient", attemptKey, attempt) < this.profile.transientRate) {
      throw new UnavailableError(`${op}: the provider had an internal error (InternalError); the request did not take effect, retry it`);
    }
    const result = await this.serialize(scope, work);
    if (kind === "write" && unit(seed, "lost", attemptKey, attempt) < this.profile.lostReplyRate) {
      throw new UnavailableError(`${op}: the request timed out; it may have taken effect, so look for the resource by its tags or retry with the same client token`);
    }
    return result;
  }

  /** How many attempt counters are held now (bounded by MAX_TRACKED_ATTEMPTS). */
  get trackedAttempts(): number {
    return this.attempts.size;
  }

  /**
   * The attempt number of this call on one op×target: each retry draws fresh dice, and the dice
   * stay a function of the seed. The counters form an LRU (a Map iterates in insertion order, so
   * re-inserting moves a key last and the first key is the one unused longest), which keeps a
   * long run's memory bounded. Forgetting a key on success would not do: a target that is
   * called again and again ("*" of a list call) would then draw the same first dice forever.
   */
  private nextAttempt(key: string): number {
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.delete(key);
    this.attempts.set(key, attempt);
    if (this.attempts.size > MAX_TRACKED_ATTEMPTS) this.attempts.delete(this.attempts.keys().next().value as string);
    return attempt;
  }

  /** Runs work alone among every other work under the same key, in this process. */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.serialize(`exclusive:${key}`, work);
  }

  /** Calls on one account and region run one at a time, as a provider's control plane orders them. */
  private serialize<T>(scope: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(scope) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.locks.set(scope, tail);
    void tail.then(() => {
      if (this.locks.get(scope) === tail) this.locks.delete(scope);
    });
    return next;
  }
}
