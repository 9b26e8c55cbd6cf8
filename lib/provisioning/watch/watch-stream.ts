import type { ProvisioningDeps } from "../deps";
import { encodeText, HEARTBEAT_TEXT } from "./sse";
import { MciWatchHub, type WatchListener } from "./watch-hub";

export const HEARTBEAT_MS = 15_000;
/** A watcher this far behind (bytes queued, unread) is let go: it can reconnect and get a fresh snapshot. */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;
const HEARTBEAT = encodeText(HEARTBEAT_TEXT);

const hubs = new WeakMap<ProvisioningDeps, MciWatchHub>();

/** The process's hub for one set of provisioning dependencies (the server has one), made at first use. */
export function watchHub(deps: ProvisioningDeps): MciWatchHub {
  let hub = hubs.get(deps);
  if (!hub) {
    hub = new MciWatchHub(deps.repo.watchReader());
    hubs.set(deps, hub);
  }
  return hub;
}

/**
 * An MCI's view as a text/event-stream body: `snapshot` (the whole view, as GET …/mci/{id}),
 * then `mci`, `vms`, `removed` and `events` deltas as the database changes, a comment every
 * `heartbeatMs`, and `end` when the MCI is deleted, after which the stream closes. Throws (404)
 * before the stream starts when there is no such MCI in the namespace.
 */
export async function mciWatchStream(hub: MciWatchHub, ns: string, id: string, opts: { signal?: AbortSignal; heartbeatMs?: number } = {}): Promise<ReadableStream<Uint8Array>> {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: () => void = () => undefined;
  // Chunks that come between the snapshot and the stream's start wait their turn behind it.
  const early: Uint8Array[] = [];
  let endedEarly = false;
  const close = () => {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    unsubscribe();
    opts.signal?.removeEventListener("abort", close);
    try {
      controller?.close();
    } catch {
      // Already closed by the reader going away.
    }
  };
  const send = (bytes: Uint8Array) => {
    if (closed || !controller) return;
    controller.enqueue(bytes);
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) close();
  };
  const listener: WatchListener = (chunk) => {
    if (!controller) {
      early.push(chunk.bytes);
      endedEarly ||= chunk.end;
      return;
    }
    send(chunk.bytes);
    if (chunk.end) close();
  };
  const watch = await hub.watch(ns, id, listener);
  unsubscribe = watch.unsubscribe;
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        send(watch.snapshot);
        for (const bytes of early) send(bytes);
        if (endedEarly) return close();
        heartbeat = setInterval(() => send(HEARTBEAT), opts.heartbeatMs ?? HEARTBEAT_MS);
        heartbeat.unref?.();
        if (opts.signal?.aborted) return close();
        opts.signal?.addEventListener("abort", close, { once: true });
      },
      cancel() {
        close();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}
