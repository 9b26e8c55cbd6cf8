import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Clock } from "@/lib/core/clock";
import type { ServerNodeRepository } from "@/lib/store/server-nodes";

/** How often a server says it is alive. */
export const HEARTBEAT_MS = 3_000;
/** A server not seen for this long is dead: what it held is taken over. Five missed beats. */
export const DEAD_AFTER_MS = 15_000;
/** Rows of servers dead this long are forgotten. */
const FORGET_AFTER_MS = 24 * 3_600_000;

/** A new id for this server process: its host and pid say where it runs, the rest keeps it unique. */
export function newServerId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

/**
 * This server among those sharing the database: a row renewed every few seconds, and the list of
 * servers seen lately (itself always among them, even when its own last write failed).
 */
export class ServerHeartbeat {
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt: number;

  constructor(
    readonly id: string,
    private readonly nodes: ServerNodeRepository,
    private readonly clock: Clock,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {
    this.startedAt = clock.now();
  }

  async beat(): Promise<void> {
    await this.nodes.beat({ id: this.id, host: hostname(), pid: process.pid, startedAt: this.startedAt, seenAt: this.clock.now() });
  }

  /** Beats now, then every HEARTBEAT_MS. */
  async start(): Promise<void> {
    await this.beat();
    await this.nodes.forgetBefore(this.clock.now() - FORGET_AFTER_MS).catch(this.onError);
    this.timer ??= setInterval(() => void this.beat().catch(this.onError), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Stops beating and leaves, so the others take over at once rather than after DEAD_AFTER_MS. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.nodes.remove(this.id);
  }

  /** Ids of the servers alive now: seen within DEAD_AFTER_MS, and this one. */
  async alive(): Promise<string[]> {
    const seen = await this.nodes.aliveSince(this.clock.now() - DEAD_AFTER_MS);
    return seen.includes(this.id) ? seen : [...seen, this.id];
  }
}
