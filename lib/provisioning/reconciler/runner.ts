import { randomUUID } from "node:crypto";
import { backoffMs } from "@/lib/core/backoff";
import { isCloudError } from "@/lib/core/errors";
import type { Liveness } from "@/lib/core/liveness";
import type { WorkItemRow } from "@/lib/store/work-queue";
import type { ProvisioningDeps } from "../deps";
import { mciKey, parseKey, vmKey } from "./keys";
import { reconcileMci } from "./mci-step";
import type { StepResult } from "./step-result";
import { reconcileVm } from "./vm-step";
import { watchConnection } from "./watch-step";

export interface RunnerLimits {
  /** Steps in flight at once over all clouds. */
  global: number;
  /** Steps in flight at once against one connection (cloud API rate limits). */
  perConnection: number;
  /** How long the loop sleeps when nothing is due and nobody kicks it. */
  idleMs: number;
}

/** How long a claimed item stays this server's without renewal: a dead server's items wait at most this long. */
export const WORK_LEASE_MS = 30_000;
/** When the due items are all on connections full here (or held by others), look again after this long. */
const BLOCKED_WAIT_MS = 25;
/**
 * Steps started in one turn of the event loop. The simulator and SQLite answer without real I/O,
 * so a started step runs to its end in promise callbacks alone, before any timer, socket or HTTP
 * request gets a turn: 48 of them back to back held the server for seconds while an MCI of
 * thousands deployed. A few per turn, then a turn for everyone else.
 */
const STARTS_PER_TURN = 8;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export const DEFAULT_LIMITS: RunnerLimits = { global: 48, perConnection: 4, idleMs: 1_000 };

export interface RunnerIdentity {
  /** Who claims items: the server's id, unique among the servers sharing the database. */
  owner: string;
  leaseMs: number;
}

export interface RunnerOptions extends Partial<RunnerIdentity> {
  /** How often (real time) held leases are renewed; a third of the lease by default. */
  renewEveryMs?: number;
  /** Runs one item's step in place of the reconciler's own (tests of the loop itself). */
  step?: (key: string, attempts: number) => Promise<StepResult>;
}

/**
 * The reconciler's loop: claims due items from the durable queue (several servers may share it:
 * an item runs under one server's lease at a time), runs their step with bounded parallelism
 * (across regions freely, per connection bounded), and requeues with capped exponential backoff
 * and jitter on retryable errors. An idle loop looks at the queue every `idleMs`, so work another
 * server enqueued is seen without a kick.
 */
export class Reconciler {
  private running = false;
  private lastTurnAt: number | null = null;
  private readonly inFlight = new Set<string>();
  private readonly perConnection = new Map<string, number>();
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  private readonly errors: ((key: string, e: unknown) => void)[] = [];
  /** Items claimed (leased to this server) and not started yet. */
  private ready: WorkItemRow[] = [];
  private renewTimer: NodeJS.Timeout | null = null;
  readonly identity: RunnerIdentity;

  constructor(
    private readonly deps: ProvisioningDeps,
    private readonly limits: RunnerLimits = DEFAULT_LIMITS,
    private readonly options: RunnerOptions = {},
  ) {
    this.identity = { owner: options.owner ?? `runner-${randomUUID()}`, leaseMs: options.leaseMs ?? WORK_LEASE_MS };
  }

  /** Requeues everything not at rest (a restart finishes what a crash interrupted), then runs. */
  async start(): Promise<void> {
    if (this.running) return;
    const now = this.deps.clock.now();
    const vms = await this.deps.repo.vmsNeedingWork();
    await this.deps.queue.enqueueMany(vms.map((v) => ({ key: vmKey(v.id), connection: v.connection })), now);
    const mcis = await this.deps.repo.unsettledMciIds();
    await this.deps.queue.enqueueMany(mcis.map((id) => ({ key: mciKey(id), connection: null })), now);
    this.running = true;
    this.loopDone = this.loop();
    // Steps may outlast the lease: renew what this server holds well before it runs out.
    this.renewTimer = setInterval(() => void this.renew(), this.options.renewEveryMs ?? Math.max(10, Math.floor(this.identity.leaseMs / 3)));
    this.renewTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loopDone;
    // Claimed and never started: any server may take them now.
    const unstarted = this.ready.map((i) => i.key);
    this.ready = [];
    if (unstarted.length) await this.deps.queue.release(this.identity.owner, unstarted).catch(() => undefined);
    while (this.inFlight.size) await new Promise((r) => setTimeout(r, 10));
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }

  private async renew(): Promise<void> {
    try {
      const keys = [...this.inFlight, ...this.ready.map((i) => i.key)];
      if (keys.length) await this.deps.queue.renew(this.identity.owner, keys, this.deps.clock.now(), this.identity.leaseMs);
    } catch (e) {
      for (const l of this.errors) l("lease renewal", e);
    }
  }

  kick(): void {
    this.wake?.();
  }

  onError(listener: (key: string, e: unknown) => void): void {
    this.errors.push(listener);
  }

  get busy(): number {
    return this.inFlight.size;
  }

  liveness(): Liveness {
    return { running: this.running, lastTurnAt: this.lastTurnAt };
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let started = 0;
      try {
        started = await this.dispatch();
      } catch (e) {
        for (const l of this.errors) l("loop", e);
      }
      // Wall-clock, not deps.clock: the health check asks whether this loop still turns in real time.
      this.lastTurnAt = Date.now();
      if (!this.running) break;
      if (started > 0) {
        // More may be due at once: go on after the event loop has served what waits (requests, timers).
        await nextTurn();
        continue;
      }
      const next = await this.deps.queue.nextDueAt().catch(() => null);
      const wait = next === null ? this.limits.idleMs : Math.min(this.limits.idleMs, Math.max(BLOCKED_WAIT_MS, next - this.deps.clock.now()));
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /**
   * Starts claimed items up to the limits, claiming more when this server could run more than it
   * holds. A claim takes no more than the free slots (so items wait where any server may take
   * them) and none on connections already full here; a burst of short steps still costs one
   * claim per few steps, not one per step.
   */
  private async dispatch(): Promise<number> {
    const free = Math.min(STARTS_PER_TURN, this.limits.global - this.inFlight.size);
    if (free <= 0) return 0;
    const room = this.limits.global - this.inFlight.size - this.ready.length;
    if (room > 0) {
      const full = [...this.perConnection].filter(([, n]) => n >= this.limits.perConnection).map(([c]) => c);
      const claimed = await this.deps.queue.claim(this.identity.owner, this.deps.clock.now(), this.identity.leaseMs, room, full);
      this.ready.push(...claimed.filter((i) => !this.inFlight.has(i.key)));
    }
    let started = 0;
    const kept: WorkItemRow[] = [];
    for (const item of this.ready) {
      const c = item.connection;
      if (started >= free || (c && (this.perConnection.get(c) ?? 0) >= this.limits.perConnection)) {
        kept.push(item);
        continue;
      }
      this.inFlight.add(item.key);
      if (c) this.perConnection.set(c, (this.perConnection.get(c) ?? 0) + 1);
      started++;
      void this.runItem(item).finally(() => {
        this.inFlight.delete(item.key);
        if (c) this.perConnection.set(c, (this.perConnection.get(c) ?? 1) - 1);
        this.kick();
      });
    }
    this.ready = kept;
    return started;
  }

  private async runItem(item: WorkItemRow): Promise<void> {
    try {
      const result = await this.step(item.key, item.attempts);
      if (result.done) await this.deps.queue.complete(item);
      else await this.deps.queue.reschedule(item, this.deps.clock.now() + result.afterMs, 0);
    } catch (e) {
      const attempts = item.attempts + 1;
      const retryAfter = isCloudError(e) ? (e.retryAfterMs ?? 0) : 0;
      const delay = backoffMs(attempts, this.deps.random, undefined, retryAfter);
      if (!isCloudError(e)) for (const l of this.errors) l(item.key, e);
      await this.deps.queue.reschedule(item, this.deps.clock.now() + delay, attempts).catch(() => undefined);
    }
  }

  private step(key: string, attempts: number): Promise<StepResult> {
    if (this.options.step) return this.options.step(key, attempts);
    const parsed = parseKey(key);
    if (!parsed) return Promise.resolve({ done: true });
    if (parsed.kind === "vm") return reconcileVm(this.deps, parsed.id, attempts);
    if (parsed.kind === "mci") return reconcileMci(this.deps, parsed.id);
    return watchConnection(this.deps, parsed.id);
  }
}
