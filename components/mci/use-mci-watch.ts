"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { applyMciDelta, type MciDelta as Delta } from "@/lib/core/mci-delta";
import type { MciView } from "@/lib/validation/mci";
import { mergeEvents } from "./merge-events";
import { mciKeys, type MciEvent } from "./use-mci";

type MciDelta = Delta<MciView>;

// After a stream failed for good (not a drop EventSource retries by itself), try again after this, doubling up to the cap.
const RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

/**
 * Keeps the MCI's query data live from its watch stream (`…/mci/{id}/watch`): the snapshot
 * replaces it, deltas are applied to it. Answers whether the stream is live now; while it is not
 * (before the snapshot, after a drop, on a server without it) the page polls as before.
 */
export function useMciWatch(ns: string, id: string, enabled: boolean): boolean {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const key = mciKeys.one(ns, id);
    const eventsKey = mciKeys.events(ns, id);
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let flush: ReturnType<typeof setTimeout> | null = null;
    let retryMs = RETRY_MS;
    let pending: MciDelta[] = [];
    let stopped = false;

    // The parts of one read come as several events: applied together, the page never shows counts that disagree with the rows.
    const applyPending = () => {
      flush = null;
      const deltas = pending;
      pending = [];
      queryClient.setQueryData<MciView>(key, (old) => (old ? deltas.reduce(applyMciDelta, old) : old));
    };
    const queue = (delta: MciDelta) => {
      pending.push(delta);
      flush ??= setTimeout(applyPending, 0);
    };
    const parse = (e: Event) => JSON.parse((e as MessageEvent<string>).data) as unknown;

    const open = () => {
      const es = new EventSource(`/api/v1/ns/${encodeURIComponent(ns)}/mci/${encodeURIComponent(id)}/watch`);
      source = es;
      es.addEventListener("snapshot", (e) => {
        pending = [];
        retryMs = RETRY_MS;
        // A poll still in flight would answer an older view than this one.
        void queryClient.cancelQueries({ queryKey: key });
        queryClient.setQueryData<MciView>(key, parse(e) as MciView);
        setLive(true);
      });
      es.addEventListener("mci", (e) => queue({ mci: parse(e) as MciDelta["mci"] }));
      es.addEventListener("vms", (e) => queue({ vms: parse(e) as MciDelta["vms"] }));
      es.addEventListener("removed", (e) => queue({ removed: parse(e) as string[] }));
      es.addEventListener("events", (e) => {
        const incoming = parse(e) as MciEvent[];
        queryClient.setQueryData<MciEvent[]>(eventsKey, (old) => (old ? mergeEvents(old, incoming) : old));
      });
      es.addEventListener("end", () => {
        // The MCI is gone: polling once more gets the 404 the page shows.
        es.close();
        stopped = true;
        setLive(false);
        void queryClient.invalidateQueries({ queryKey: key });
      });
      es.onerror = () => {
        setLive(false);
        if (es.readyState !== EventSource.CLOSED || stopped) return;
        // Refused (not a stream: an older server, a proxy): poll, and offer the stream again later.
        retry = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      if (retry) clearTimeout(retry);
      if (flush) clearTimeout(flush);
      setLive(false);
    };
  }, [ns, id, enabled, queryClient]);

  return live;
}
