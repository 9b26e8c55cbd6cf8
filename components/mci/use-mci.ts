"use client";

import { useQueries, useQuery, type Query, type UseQueryResult } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Image, Spec } from "@/lib/core/types";
import type { MciView, NamespaceView } from "@/lib/validation/mci";
import { fetchJson, isNotFound } from "@/components/api/fetch-json";
import { isBusy } from "./status-display";

export { isNotFound } from "@/components/api/fetch-json";

export type MciEvent = { id: number; at: string; level: string; message: string; vmId: string | null };

/** A missing namespace or MCI will not appear by asking again; a dropped connection may. */
function retry(count: number, error: Error): boolean {
  return !isNotFound(error) && count < 2;
}

// Fast while VMs change state, so the bar moves live; slow once everything has settled.
export const BUSY_POLL_MS = 1_000;
export const SETTLED_POLL_MS = 5_000;

export const mciKeys = {
  namespaces: ["namespaces"] as const,
  list: (ns: string) => ["ns", ns, "mci"] as const,
  one: (ns: string, id: string) => ["ns", ns, "mci", id] as const,
  events: (ns: string, id: string) => ["ns", ns, "mci", id, "events"] as const,
};

const nsUrl = (ns: string) => `/api/v1/ns/${encodeURIComponent(ns)}`;

export function useNamespaces() {
  return useQuery({
    queryKey: mciKeys.namespaces,
    queryFn: ({ signal }) => fetchJson<NamespaceView[]>("/api/v1/namespaces", signal),
    staleTime: 10_000,
  });
}

export function useMcis(ns: string) {
  return useQuery({
    queryKey: mciKeys.list(ns),
    queryFn: ({ signal }) => fetchJson<MciView[]>(`${nsUrl(ns)}/mci`, signal),
    staleTime: 0,
    retry,
    refetchInterval: (q: Query<MciView[], Error>) => (q.state.error ? SETTLED_POLL_MS : q.state.data?.some(isBusy) ? BUSY_POLL_MS : SETTLED_POLL_MS),
  });
}

/**
 * One MCI, polled unless `live` (its watch stream keeps the data current: no poll or refetch then
 * could answer an older view over a newer one). `fastUntil` (a time in ms) keeps the fast pace
 * just after an action, before the reconciler has moved any VM; polling stops once the MCI is gone.
 */
export function useMci(ns: string, id: string, fastUntil: { current: number }, live = false) {
  return useQuery({
    queryKey: mciKeys.one(ns, id),
    queryFn: ({ signal }) => fetchJson<MciView>(`${nsUrl(ns)}/mci/${encodeURIComponent(id)}`, signal),
    enabled: !live,
    staleTime: 0,
    retry,
    refetchInterval: (q: Query<MciView, Error>) => {
      if (isNotFound(q.state.error)) return false;
      const data = q.state.data;
      return (data && isBusy(data)) || Date.now() < fastUntil.current ? BUSY_POLL_MS : SETTLED_POLL_MS;
    },
  });
}

export function useMciEvents(ns: string, id: string, intervalMs: number | false) {
  return useQuery({
    queryKey: mciKeys.events(ns, id),
    queryFn: ({ signal }) => fetchJson<MciEvent[]>(`${nsUrl(ns)}/mci/${encodeURIComponent(id)}/events`, signal),
    staleTime: 0,
    retry,
    refetchInterval: intervalMs,
  });
}

// The catalogue changes with a release, not while someone fills in a form.
const CATALOGUE_STALE_MS = 10 * 60_000;

function specsQuery(key: string) {
  return {
    queryKey: ["regions", key, "specs"] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<Spec[]>(`/api/v1/regions/${encodeURIComponent(key)}/specs`, signal),
    staleTime: CATALOGUE_STALE_MS,
  };
}

function imagesQuery(key: string) {
  return {
    queryKey: ["regions", key, "images"] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<Image[]>(`/api/v1/regions/${encodeURIComponent(key)}/images`, signal),
    staleTime: CATALOGUE_STALE_MS,
  };
}

export type RegionCatalogue = {
  specs: ReadonlyMap<string, Spec[]>;
  images: ReadonlyMap<string, Image[]>;
  /** Regions whose specs or images could not be loaded, with the reason. */
  errors: ReadonlyMap<string, string>;
  pending: boolean;
};

/** Specs and images of every region in `keys` (a stable array), fetched in parallel and cached per region. */
export function useRegionCatalogue(keys: readonly string[]): RegionCatalogue {
  const combine = useCallback(
    (results: UseQueryResult<Spec[] | Image[], Error>[]): RegionCatalogue => {
      const specs = new Map<string, Spec[]>();
      const images = new Map<string, Image[]>();
      const errors = new Map<string, string>();
      let pending = false;
      keys.forEach((key, i) => {
        const s = results[2 * i];
        const im = results[2 * i + 1];
        if (s?.data) specs.set(key, s.data as Spec[]);
        if (im?.data) images.set(key, im.data as Image[]);
        const error = s?.error ?? im?.error;
        if (error) errors.set(key, error.message);
        if (s?.isPending || im?.isPending) pending = true;
      });
      return { specs, images, errors, pending };
    },
    [keys],
  );
  return useQueries({
    queries: keys.flatMap((key) => [specsQuery(key), imagesQuery(key)]),
    combine,
  });
}
