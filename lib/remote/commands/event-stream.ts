import type { CommandEngine } from "./engine";
import type { CommandEvent } from "./types";

export const HEARTBEAT_MS = 15_000;
/** A watcher this far behind (bytes queued, unread) is let go: it can reconnect and get a fresh snapshot. */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

const encoder = new TextEncoder();

/** One Server-Sent Event. JSON holds no raw newline, so `data` is always one line. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function eventText(e: CommandEvent): string {
  switch (e.type) {
    case "output":
      return sseEvent("output", { vmId: e.vmId, stream: e.stream, data: e.data });
    case "vm":
      return sseEvent("vm", e.vm);
    case "end":
      return sseEvent("end", { status: e.status });
  }
}

/**
 * A command's events as a text/event-stream body: `snapshot` (the whole command), then `output`
 * and `vm` events as they come, `end`, and the stream closes. A comment line every
 * `heartbeatMs` keeps proxies from closing a quiet stream. Throws (404) before the stream
 * starts when there is no such command.
 */
export async function commandEventStream(engine: CommandEngine, ns: string, mciId: string, cid: string, opts: { signal?: AbortSignal; heartbeatMs?: number } = {}): Promise<ReadableStream<Uint8Array>> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: () => void = () => undefined;
  const early: string[] = [];
  const close = () => {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    unsubscribe();
    opts.signal?.removeEventListener("abort", close);
    try {
      controller.close();
    } catch {
      // Already closed by the reader going away.
    }
  };
  const send = (text: string) => {
    if (closed) return;
    controller.enqueue(encoder.encode(text));
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) close();
  };
  let ready = false;
  let endedEarly = false;
  const onEvent = (e: CommandEvent) => {
    // Events that come between the snapshot and this stream's start wait their turn behind it.
    if (!ready) {
      endedEarly ||= e.type === "end";
      return void early.push(eventText(e));
    }
    send(eventText(e));
    if (e.type === "end") close();
  };
  const watched = await engine.watch(ns, mciId, cid, onEvent);
  unsubscribe = watched.unsubscribe;
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        send(sseEvent("snapshot", watched.snapshot));
        for (const text of early) send(text);
        ready = true;
        if (watched.ended || endedEarly) {
          if (!endedEarly) send(sseEvent("end", { status: watched.snapshot.status }));
          return close();
        }
        heartbeat = setInterval(() => send(": heartbeat\n\n"), opts.heartbeatMs ?? HEARTBEAT_MS);
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
