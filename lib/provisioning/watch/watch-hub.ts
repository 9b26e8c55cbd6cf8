import { NotFoundError } from "@/lib/core/errors";
import { MciPoller, type PollerOptions, type WatchChunk, type WatchSource } from "./mci-poller";

export type WatchListener = (chunk: WatchChunk) => void;

export interface WatchHubOptions extends Partial<PollerOptions> {
  /** Time between the end of one read and the start of the next. */
  intervalMs?: number;
  onError?: (mciId: string, error: unknown) => void;
}

export interface Watch {
  /** The MCI's view as it is now, as a `snapshot` event. */
  snapshot: Uint8Array;
  unsubscribe(): void;
}

interface Entry {
  poller: MciPoller;
  ready: Promise<boolean>;
  listeners: Set<WatchListener>;
  timer: ReturnType<typeof setTimeout> | null;
  ticking: Promise<void> | null;
  stopped: boolean;
}

export const WATCH_INTERVAL_MS = 1_000;
const DEFAULTS: PollerOptions = { now: () => Date.now(), graceMs: 5_000, resyncMs: 60_000 };

export const notFound = (namespace: string, id: string) => new NotFoundError(`MCI "${id}" does not exist in namespace "${namespace}"; GET /api/v1/ns/${namespace}/mci lists them`);

/**
 * The watched MCIs of this process: one poller per MCI, started by its first watcher and stopped
 * with its last, so fifty browsers on one MCI cost one read a second, not fifty.
 */
export class MciWatchHub {
  private readonly entries = new Map<string, Entry>();
  private readonly options: PollerOptions;

  constructor(
    private readonly source: WatchSource,
    private readonly opts: WatchHubOptions = {},
  ) {
    this.options = { now: opts.now ?? DEFAULTS.now, graceMs: opts.graceMs ?? DEFAULTS.graceMs, resyncMs: opts.resyncMs ?? DEFAULTS.resyncMs };
  }

  /** MCIs with a poller running now. */
  watchedMcis(): string[] {
    return [...this.entries.keys()];
  }

  /** Starts watching; throws NotFoundError (before anything is sent) for an MCI that is not in the namespace. */
  async watch(namespace: string, id: string, listener: WatchListener): Promise<Watch> {
    let entry = this.entries.get(id);
    if (!entry) {
      const poller = new MciPoller(this.source, id, this.options);
      entry = { poller, ready: poller.start(), listeners: new Set(), timer: null, ticking: null, stopped: false };
      this.entries.set(id, entry);
      const started = entry;
      void started.ready.then(
        (found) => (found ? this.schedule(started) : this.stop(started)),
        () => this.stop(started),
      );
    }
    // Counted before the first read ends, so a watcher that leaves meanwhile cannot stop the poller under another.
    entry.listeners.add(listener);
    let ok = false;
    try {
      ok = (await entry.ready) && entry.poller.namespace === namespace && !entry.poller.isEnded;
    } finally {
      if (!ok) this.leave(entry, listener);
    }
    if (!ok) throw notFound(namespace, id);
    const joined = entry;
    return { snapshot: joined.poller.snapshot(), unsubscribe: () => this.leave(joined, listener) };
  }

  /** Reads once now for every watched MCI (for tests and benchmarks that drive the clock themselves). */
  async tickAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.ready.then((found) => (found ? this.tick(e) : undefined))));
  }

  /** Stops every poller (the server is stopping). */
  close(): void {
    for (const e of [...this.entries.values()]) this.stop(e);
  }

  private leave(entry: Entry, listener: WatchListener): void {
    entry.listeners.delete(listener);
    if (!entry.listeners.size) this.stop(entry);
  }

  private stop(entry: Entry): void {
    entry.stopped = true;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    if (this.entries.get(entry.poller.mciId) === entry) this.entries.delete(entry.poller.mciId);
  }

  private schedule(entry: Entry): void {
    if (entry.stopped) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.tick(entry).finally(() => this.schedule(entry));
    }, this.opts.intervalMs ?? WATCH_INTERVAL_MS);
    entry.timer.unref?.();
  }

  /** One read at a time per MCI: a tick asked for while one runs waits for it instead. */
  private tick(entry: Entry): Promise<void> {
    entry.ticking ??= this.read(entry).finally(() => (entry.ticking = null));
    return entry.ticking;
  }

  private async read(entry: Entry): Promise<void> {
    if (entry.stopped) return;
    let chunk: WatchChunk | null;
    try {
      chunk = await entry.poller.tick();
    } catch (e) {
      // A failed read (a busy or restarting database) is tried again at the next tick; the watchers keep their streams.
      (this.opts.onError ?? ((id, err) => console.error(`[barista] watch of MCI ${id}:`, err)))(entry.poller.mciId, e);
      return;
    }
    if (!chunk || entry.stopped) return;
    for (const listener of [...entry.listeners]) listener(chunk);
    if (chunk.end) this.stop(entry);
  }
}
