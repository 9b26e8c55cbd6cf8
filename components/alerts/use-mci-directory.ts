"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { mciKeys, useNamespaces } from "@/components/mci/use-mci";
import type { MciView } from "@/lib/validation/mci";

export type MciEntry = { id: string; name: string; namespace: string; vms: number };

/** What the alerts page needs to name things: every MCI of every namespace, and every VM's name. */
export type MciDirectory = {
  namespaces: readonly string[];
  mcis: readonly MciEntry[];
  mciById: ReadonlyMap<string, MciEntry>;
  vmNames: ReadonlyMap<string, string>;
  pending: boolean;
};

const MCI_POLL_MS = 15_000;

/** Builds the directory from the per-namespace MCI lists, in the order of `nsKey`'s names. */
function combineFor(nsKey: string, nsPending: boolean) {
  const nsNames = nsKey ? nsKey.split("\n") : [];
  return (results: { data?: MciView[]; isPending: boolean }[]): MciDirectory => {
    const mcis: MciEntry[] = [];
    const mciById = new Map<string, MciEntry>();
    const vmNames = new Map<string, string>();
    results.forEach((r, i) => {
      for (const m of r.data ?? []) {
        const entry = { id: m.id, name: m.name, namespace: nsNames[i], vms: m.vms.length };
        mcis.push(entry);
        mciById.set(m.id, entry);
        for (const vm of m.vms) vmNames.set(vm.id, vm.name);
      }
    });
    mcis.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    return { namespaces: nsNames, mcis, mciById, vmNames, pending: nsPending || results.some((r) => r.isPending) };
  };
}

/** MCIs across namespaces, sharing the MCI pages' cache keys so a visit there fills this too. */
export function useMciDirectory(): MciDirectory {
  const namespaces = useNamespaces();
  // The combine function must stay stable while the namespaces do: key it on their names, not on the array.
  const nsKey = (namespaces.data ?? []).map((n) => n.name).join("\n");
  const combine = useMemo(() => combineFor(nsKey, namespaces.isPending), [nsKey, namespaces.isPending]);
  const names = nsKey ? nsKey.split("\n") : [];
  return useQueries({
    queries: names.map((ns) => ({
      queryKey: mciKeys.list(ns),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<MciView[]>(`/api/v1/ns/${encodeURIComponent(ns)}/mci`, signal),
      staleTime: 5_000,
      refetchInterval: MCI_POLL_MS,
    })),
    combine,
  });
}
