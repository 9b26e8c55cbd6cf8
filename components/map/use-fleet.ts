"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiError } from "@/components/api/fetch-json";
import type { FleetView } from "@/lib/validation/fleet";

/** The home map follows deployments live; the server answers 304 to most of these polls. */
export const FLEET_POLL_MS = 3_000;

let last: { etag: string; view: FleetView } | null = null;

/**
 * Asks with the ETag of the last answer: while nothing changed the server sends 304 and the very
 * same object comes back, so nothing downstream is rebuilt (react-query would keep it too).
 */
async function fetchFleet(signal: AbortSignal): Promise<FleetView> {
  let res: Response;
  try {
    res = await fetch("/api/v1/fleet", { signal, cache: "no-store", headers: { accept: "application/json", ...(last ? { "if-none-match": last.etag } : {}) } });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new ApiError("The Barista server did not answer. Check that it is running; the map retries by itself.", 0);
  }
  if (res.status === 304 && last) return last.view;
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(body?.error ?? `The server answered ${res.status} ${res.statusText}.`, res.status);
  }
  const view = (await res.json()) as FleetView;
  const etag = res.headers.get("etag");
  last = etag ? { etag, view } : null;
  return view;
}

export function useFleet(enabled: boolean) {
  return useQuery({ queryKey: ["fleet"], queryFn: ({ signal }) => fetchFleet(signal), enabled, refetchInterval: FLEET_POLL_MS, staleTime: 0 });
}
