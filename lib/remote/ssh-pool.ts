import { createHash } from "node:crypto";
import { Limiter } from "./limiter";
import { hostId, openSsh, type ExecOptions, type ExecResult, type OpenSshOptions, type SshConnection, type SshTarget } from "./ssh-client";

/** OpenSSH allows 10 sessions per connection (MaxSessions); stay below it. */
export const CHANNELS_PER_CONNECTION = 8;
/** A connection nobody used for this long is closed. */
export const IDLE_CLOSE_MS = 60_000;
/**
 * Logins under way at once. A handshake costs both ends CPU (key exchange, signatures, the pin
 * lookup); a thousand started together share the one thread so thinly that most pass their login
 * timeout before any finishes. Queued logins wait here, before their timeout starts.
 */
export const DEFAULT_MAX_LOGINS = 64;

export interface SshPoolOptions extends OpenSshOptions {
  /** Logins under way at once (default DEFAULT_MAX_LOGINS); the rest wait their turn. */
  maxLogins?: number;
}

interface Entry {
  connection: Promise<SshConnection>;
  channels: Limiter;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * Open SSH connections, one per user, host and key, shared by everything that talks to that
 * host (commands, metrics); a broken one is dropped and the next use connects again.
 */
export class SshPool {
  private readonly entries = new Map<string, Entry>();
  private readonly logins: Limiter;

  constructor(private readonly options: SshPoolOptions) {
    this.logins = new Limiter(options.maxLogins ?? DEFAULT_MAX_LOGINS);
  }

  /** How many logins are under way now (at most maxLogins). */
  get loggingIn(): number {
    return this.logins.running;
  }

  /** How many connections are open or opening. */
  get size(): number {
    return this.entries.size;
  }

  /** Runs one command on the target, waiting for a free channel when its connection is full. */
  async exec(target: SshTarget, command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const key = poolKey(target);
    const entry = this.entry(key, target);
    const connection = await entry.connection;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    try {
      return await entry.channels.run(() => connection.exec(command, opts));
    } finally {
      if (entry.channels.running === 0) this.armIdle(key, entry);
    }
  }

  /** The open connection to the target, made when there is none. */
  connection(target: SshTarget): Promise<SshConnection> {
    return this.entry(poolKey(target), target).connection;
  }

  /** Closes the target's connection, if open (e.g. when its host was removed). */
  drop(target: Pick<SshTarget, "host" | "port" | "username">): void {
    const prefix = `${target.username}@${hostId(target)}#`;
    for (const [key, entry] of this.entries) if (key.startsWith(prefix)) this.forget(key, entry, true);
  }

  closeAll(): void {
    for (const [key, entry] of this.entries) this.forget(key, entry, true);
  }

  private entry(key: string, target: SshTarget): Entry {
    const found = this.entries.get(key);
    if (found) return found;
    const entry: Entry = { connection: this.logins.run(() => openSsh(target, this.options)), channels: new Limiter(CHANNELS_PER_CONNECTION), idleTimer: null };
    this.entries.set(key, entry);
    entry.connection.then(
      (c) => c.onClose(() => this.forget(key, entry, false)),
      () => this.forget(key, entry, false),
    );
    this.armIdle(key, entry);
    return entry;
  }

  private forget(key: string, entry: Entry, close: boolean): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    if (close) entry.connection.then((c) => c.close(), () => undefined);
  }

  private armIdle(key: string, entry: Entry): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      if (entry.channels.running === 0) this.forget(key, entry, true);
    }, IDLE_CLOSE_MS);
    entry.idleTimer.unref?.();
  }
}

/** Connections are shared only by the same user on the same host with the same key. */
function poolKey(target: SshTarget): string {
  const keyHash = createHash("sha256").update(target.privateKey).digest("hex").slice(0, 16);
  return `${target.username}@${hostId(target)}#${keyHash}`;
}
