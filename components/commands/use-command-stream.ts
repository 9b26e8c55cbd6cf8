"use client";

import { useEffect, useState } from "react";
import { commandUrls, refusal } from "./command-api";
import { applyEvents, type LiveCommand } from "./command-state";
import type { CommandEvent } from "./command-types";
import { createSseParser, type SseMessage } from "./sse-parser";

// Events are applied in batches: a thousand VMs printing at once redraw the list ten times a second, not per line.
const FLUSH_MS = 100;
// A dropped stream (a proxy, a restart) reconnects after this long; its snapshot replaces what was shown.
const RECONNECT_MS = 2_000;

export type CommandStream = {
  command: LiveCommand | null;
  /** Why the stream is not flowing now, in words; it retries by itself unless the command is gone. */
  error: string | null;
  /** The command's id when the server does not know it (a stale link). */
  missing: boolean;
};

function toEvent(m: SseMessage): CommandEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(m.data);
  } catch {
    return null;
  }
  if (m.event === "snapshot") return { type: "snapshot", command: data as never };
  if (m.event === "output") return { type: "output", output: data as never };
  if (m.event === "vm") return { type: "vm", vm: data as never };
  if (m.event === "end") return { type: "end", end: data as never };
  return null;
}

/**
 * One command, live: its snapshot, then every VM's output and status as the server streams them,
 * until the `end` event. A command that already ended answers its snapshot and end at once, so past
 * commands open through the same path.
 */
export function useCommandStream(ns: string, mciId: string, cid: string | null): CommandStream {
  const [state, setState] = useState<CommandStream & { cid: string | null }>({ cid, command: null, error: null, missing: false });
  // A new command id starts from nothing (React's "adjust state while rendering" pattern, no effect needed).
  if (state.cid !== cid) setState({ cid, command: null, error: null, missing: false });

  useEffect(() => {
    if (!cid) return;
    const abort = new AbortController();
    let queue: CommandEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let ended = false;

    const flush = () => {
      timer = null;
      if (queue.length === 0) return;
      const batch = queue;
      queue = [];
      setState((s) => (s.cid === cid ? { ...s, command: applyEvents(s.command, batch), error: null } : s));
    };
    const enqueue = (e: CommandEvent) => {
      if (e.type === "end") ended = true;
      queue.push(e);
      // The first picture and the last one show at once; the flow in between is batched.
      if (e.type === "snapshot" || e.type === "end") flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    };
    const fail = (error: string, missing = false) => setState((s) => (s.cid === cid ? { ...s, error, missing } : s));

    async function connect(): Promise<void> {
      while (!abort.signal.aborted && !ended) {
        try {
          const res = await fetch(commandUrls.stream(ns, mciId, cid!), { signal: abort.signal, headers: { accept: "text/event-stream" }, cache: "no-store" });
          if (!res.ok) {
            const words = await refusal(res);
            if (res.status === 404) return fail(words, true);
            if (res.status === 401 || res.status === 403) return fail(words);
            fail(`${words} Retrying…`);
          } else if (res.body) {
            const parser = createSseParser((m) => {
              const e = toEvent(m);
              if (e) enqueue(e);
            });
            const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              parser.push(value);
            }
            flush();
            if (!ended) fail("The live output stopped; reconnecting…");
          }
        } catch {
          if (abort.signal.aborted) return;
          fail("The Barista server did not answer; reconnecting…");
        }
        if (!ended) await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
    }
    void connect();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [ns, mciId, cid]);

  return state.cid === cid ? state : { command: null, error: null, missing: false };
}
