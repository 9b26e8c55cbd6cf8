"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { ProviderId, Region, RegionKey, Rtt, Spec } from "@/lib/core/types";

/** A region as /api/v1/regions returns it: the catalogue entry plus the connections made against it. */
export type MapRegion = Region & { connections: string[] };
export type ProviderSummary = { id: ProviderId; name: string; regionCount: number };
export type RegionRtt = Rtt & { key: RegionKey };

// The catalogue only changes with a release, so what was fetched once stays good for the session.
const CATALOGUE_STALE_MS = 10 * 60_000;

export function useRegions() {
  return useQuery({
    queryKey: ["regions"],
    queryFn: ({ signal }) => fetchJson<MapRegion[]>("/api/v1/regions", signal),
    staleTime: CATALOGUE_STALE_MS,
  });
}

export function useProviders() {
  return useQuery({
    queryKey: ["providers"],
    queryFn: ({ signal }) => fetchJson<ProviderSummary[]>("/api/v1/providers", signal),
    staleTime: CATALOGUE_STALE_MS,
  });
}

export function useRegionSpecs(key: RegionKey | null) {
  return useQuery({
    queryKey: ["regions", key, "specs"],
    queryFn: ({ signal }) => fetchJson<Spec[]>(`/api/v1/regions/${encodeURIComponent(key ?? "")}/specs`, signal),
    enabled: key !== null,
    staleTime: CATALOGUE_STALE_MS,
  });
}

/** Every other region, nearest first: the panel lists them and the map draws the first N. */
export function useRegionLatency(key: RegionKey | null) {
  return useQuery({
    queryKey: ["regions", key, "latency"],
    queryFn: ({ signal }) => fetchJson<RegionRtt[]>(`/api/v1/regions/${encodeURIComponent(key ?? "")}/latency`, signal),
    enabled: key !== null,
    staleTime: CATALOGUE_STALE_MS,
  });
}
