"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import type { AppView, AppVmState, MciApp } from "@/lib/validation/apps";

const INSTALLING_POLL_MS = 1_500;
const IDLE_POLL_MS = 15_000;

export const appKeys = {
  catalogue: ["apps"] as const,
  mci: (ns: string, mciId: string) => ["ns", ns, "mci", mciId, "apps"] as const,
};

export const mciAppsUrl = (ns: string, mciId: string) => `/api/v1/ns/${encodeURIComponent(ns)}/mci/${encodeURIComponent(mciId)}/apps`;

/** The apps the server offers (they change only when it restarts). */
export function useAppCatalogue() {
  return useQuery({ queryKey: appKeys.catalogue, queryFn: ({ signal }) => fetchJson<AppView[]>("/api/v1/apps", signal), staleTime: 5 * 60_000 });
}

/** The MCI's apps, polled fast while one installs. */
export function useMciApps(ns: string, mciId: string) {
  return useQuery({
    queryKey: appKeys.mci(ns, mciId),
    queryFn: ({ signal }) => fetchJson<MciApp[]>(mciAppsUrl(ns, mciId), signal),
    refetchInterval: (q) => (q.state.data?.some((a) => a.status === "installing") ? INSTALLING_POLL_MS : IDLE_POLL_MS),
  });
}

/** One app's state on one VM, for the VM table and the map. */
export type VmAppState = { app: string; name: string; state: AppVmState; step: string; message: string | null };

/** Each VM's app states, by VM id (computed once here; the table and the map read it as structure). */
export function useVmAppStates(ns: string, mciId: string): ReadonlyMap<string, VmAppState[]> {
  const { data } = useMciApps(ns, mciId);
  return useMemo(() => {
    const out = new Map<string, VmAppState[]>();
    for (const a of data ?? []) for (const v of a.vms) out.set(v.vmId, [...(out.get(v.vmId) ?? []), { app: a.app, name: a.name, state: v.state, step: v.step, message: v.message }]);
    return out;
  }, [data]);
}
