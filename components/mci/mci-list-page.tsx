"use client";

import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import { PageNotice } from "@/components/ui/page-notice";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { formatPrice } from "@/components/map/format";
import { providerColour } from "@/lib/core/palette";
import type { MciView } from "@/lib/validation/mci";
import { formatUtc } from "@/components/ui/format-time";
import { isBusy } from "./status-display";
import { NamespacePicker } from "./namespace-picker";
import { ProgressBar } from "./progress-bar";
import { GroupStatusBadge } from "./status-badge";
import { isNotFound, useMcis } from "./use-mci";

type Props = { namespace: string; deleted: string | null };

function providersOf(mci: MciView): string[] {
  return [...new Set(mci.vms.map((v) => v.provider))].sort();
}

function regionCount(mci: MciView): number {
  return new Set(mci.vms.map((v) => v.region)).size;
}

/** The MCIs of one namespace, polled: status, counts, cost; the way in to create one (for who may, in this namespace). */
export function MciListPage({ namespace, deleted }: Props) {
  const router = useRouter();
  const ep = useEndpoints().provisioning;
  const canCreate = useCan(ep.createMci.access, namespace);
  const canKey = useCan(ep.namespaceSshKey.access, namespace);
  const canAddNamespace = useCan(ep.createNamespace.access);
  const mcis = useMcis(namespace);
  const [notice, setNotice] = useState<string | null>(deleted ? `Deleted ${deleted}: its VMs were terminated and it is gone.` : null);
  const rows = useMemo(() => [...(mcis.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [mcis.data]);
  const totals = useMemo(
    () => rows.reduce((t, m) => ({ vms: t.vms + m.statusCount.total, running: t.running + m.statusCount.running, cost: t.cost + m.costPerHour }), { vms: 0, running: 0, cost: 0 }),
    [rows],
  );
  const newHref = `/ns/${encodeURIComponent(namespace)}/mci/new`;

  return (
    <div className="mx-auto max-w-[92rem] px-6 pb-16 pt-6">
      <header className="flex flex-wrap items-end justify-between gap-x-8 gap-y-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-white">MCIs</h1>
          <p className="mt-1 max-w-3xl text-slate-300">
            A multi-cloud infrastructure is a named group of VMs spread over many clouds, made and controlled as one.
          </p>
        </div>
        <p className="text-lg text-slate-300">
          <span data-testid="mci-count" className="font-semibold tabular-nums text-white">
            {rows.length}
          </span>{" "}
          {rows.length === 1 ? "MCI" : "MCIs"}
          <span className="text-slate-500"> · </span>
          <span className="tabular-nums text-white">
            {totals.running}/{totals.vms}
          </span>{" "}
          VMs running
          <span className="text-slate-500"> · </span>
          <span className="tabular-nums text-emerald-200">{formatPrice(totals.cost)}</span>
        </p>
      </header>

      <div className="mt-5 flex flex-wrap items-center justify-between gap-3">
        <NamespacePicker namespace={namespace} onChange={(name) => router.push(`/mci?ns=${encodeURIComponent(name)}`)} />
        <div className="flex items-center gap-3">
          {canKey && (
            <a
              href={`/api/v1/ns/${encodeURIComponent(namespace)}/ssh-key`}
              download={`barista-${namespace}.pem`}
              className="rounded-lg px-3 py-2 text-slate-200 ring-1 ring-panel-edge hover:bg-slate-700/60"
              title="The private key every VM of this namespace accepts"
            >
              Download SSH key
            </a>
          )}
          {canCreate && (
            <Link href={newHref} className="rounded-lg bg-sky-700 px-5 py-2 text-base font-semibold text-white shadow hover:bg-sky-800">
              New MCI
            </Link>
          )}
        </div>
      </div>

      <PageNotice notice={notice} onDismiss={() => setNotice(null)} />

      <section aria-label="MCI list" className="mt-4 overflow-hidden rounded-xl border border-panel-edge bg-panel">
        {mcis.isPending ? (
          <p className="px-6 py-12 text-center text-slate-300">Loading the MCIs of {namespace}…</p>
        ) : mcis.isError && !mcis.data ? (
          <div role="alert" data-testid="list-error" className="px-6 py-10 text-center">
            <p className="text-xl font-semibold text-white">{isNotFound(mcis.error) ? `No namespace “${namespace}”` : "The MCIs could not be loaded"}</p>
            <p className="mx-auto mt-2 max-w-xl text-slate-300">
              {isNotFound(mcis.error)
                ? `Pick another namespace above${canAddNamespace ? ", or add it with + Namespace" : ""}.`
                : `${mcis.error.message} The list retries by itself every few seconds.`}
            </p>
          </div>
        ) : rows.length === 0 ? (
          <div data-testid="empty-state" className="px-6 py-12 text-center">
            <p className="text-xl font-semibold text-white">No MCIs in {namespace} yet</p>
            {canCreate ? (
              <>
                <p className="mx-auto mt-2 max-w-2xl text-slate-300">
                  Begin with <strong>New MCI</strong>: pick regions on the world map (click their markers, or Shift+drag a box), choose a
                  size and a count for each, review every VM and its cost, then create. The built-in simulator needs no cloud account.
                </p>
                <Link href={newHref} className="mt-4 inline-block rounded-lg bg-sky-700 px-5 py-2 font-semibold text-white hover:bg-sky-800">
                  New MCI
                </Link>
              </>
            ) : (
              <p className="mx-auto mt-2 max-w-2xl text-slate-300">An operator of this namespace makes MCIs; they appear here once made.</p>
            )}
          </div>
        ) : (
          <table data-testid="mci-table" className="w-full table-fixed text-left">
            <thead className="border-b border-panel-edge text-sm text-slate-400">
              <tr>
                <th className="w-[22%] py-2.5 pl-4 pr-3 font-medium">Name</th>
                <th className="w-[17%] py-2.5 pr-3 font-medium">Status</th>
                <th className="w-[27%] py-2.5 pr-3 font-medium">VMs</th>
                <th className="w-[13%] py-2.5 pr-3 font-medium">Regions</th>
                <th className="w-[9%] py-2.5 pr-3 text-right font-medium">Cost</th>
                <th className="w-[12%] py-2.5 pr-4 text-right font-medium">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <MciRow key={m.id} mci={m} namespace={namespace} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function MciRow({ mci, namespace }: { mci: MciView; namespace: string }) {
  const href = `/ns/${encodeURIComponent(namespace)}/mci/${encodeURIComponent(mci.id)}`;
  const providers = providersOf(mci);
  return (
    <tr data-testid="mci-row" data-name={mci.name} data-id={mci.id} className="border-t border-panel-edge/70 align-top hover:bg-slate-800/40">
      <td className="py-3 pl-4 pr-3">
        <Link href={href} className="block truncate font-mono text-[1.05rem] font-medium text-sky-200 hover:underline" title={mci.name}>
          {mci.name}
        </Link>
        <span className="block truncate text-sm text-slate-400" title={mci.description || mci.id}>
          {mci.description || mci.id}
        </span>
      </td>
      <td className="py-3 pr-3">
        <GroupStatusBadge status={mci.status} state={mci.state} />
      </td>
      <td className="py-3 pr-3">
        <ProgressBar count={mci.statusCount} deleting={mci.deleting} busy={isBusy(mci)} size="sm" />
      </td>
      <td className="py-3 pr-3">
        <span className="tabular-nums text-slate-100">{regionCount(mci)}</span>
        <span className="ml-2 inline-flex gap-1 align-middle">
          {providers.map((p) => (
            <span key={p} role="img" title={p} aria-label={p} className="h-3 w-3 rounded-full" style={{ backgroundColor: providerColour(p) }} />
          ))}
        </span>
      </td>
      <td className="whitespace-nowrap py-3 pr-3 text-right tabular-nums text-emerald-200">{formatPrice(mci.costPerHour)}</td>
      <td className="py-3 pr-4 text-right text-sm tabular-nums text-slate-400">{formatUtc(mci.createdAt)}</td>
    </tr>
  );
}
