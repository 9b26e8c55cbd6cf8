"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { mciKeys, useNamespaces } from "@/components/mci/use-mci";
import type { MciView } from "@/lib/validation/mci";
import { liveDeployment, type DeploymentSpan } from "./deployment-clock";

const POLL_MS = 5_000;

export type FleetSummary = { running: number; total: number; mcis: number; live: { name: string; span: DeploymentSpan } | null; loaded: boolean };

/** Every MCI the viewer may read, summed: VMs running of all, and the deployment under way (the latest started). */
export function useFleetSummary(enabled: boolean): FleetSummary {
  const namespaces = useNamespaces();
  const names = enabled ? (namespaces.data ?? []).map((n) => n.name) : [];
  const lists = useQueries({
    queries: names.map((ns) => ({
      queryKey: mciKeys.list(ns),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<MciView[]>(`/api/v1/ns/${encodeURIComponent(ns)}/mci`, signal),
      refetchInterval: POLL_MS,
    })),
  });
  const stamp = lists.map((l) => l.dataUpdatedAt).join(",");
  return useMemo(() => {
    const mcis = lists.flatMap((l) => l.data ?? []);
    const live = liveDeployment(mcis);
    return {
      running: mcis.reduce((n, m) => n + m.statusCount.running, 0),
      total: mcis.reduce((n, m) => n + m.statusCount.total, 0),
      mcis: mcis.length,
      live: live ? { name: live.mci.name, span: live.span } : null,
      loaded: namespaces.isSuccess && lists.every((l) => l.isSuccess),
    };
    // `stamp` changes exactly when one of the lists does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp, namespaces.isSuccess]);
}
