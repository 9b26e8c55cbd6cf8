"use client";

import Link from "next/link";
import { useState } from "react";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { formatPrice } from "@/components/map/format";
import { plural } from "@/lib/core/plural";
import type { MciView } from "@/lib/validation/mci";
import { ProgressBar } from "./progress-bar";
import { GroupStatusBadge } from "./status-badge";
import type { MciEvent } from "./use-mci";

type Props = {
  namespace: string;
  mci: MciView;
  busy: boolean;
  lastEvent: MciEvent | undefined;
  regionCount: number;
  deleting: boolean;
  /** Whether the viewer's role in this namespace may delete the MCI and download its key. */
  canDelete: boolean;
  canDownloadKey: boolean;
  onDelete: () => void;
};

/** The MCI at a glance, over the map: name, status, live counts, cost, and the key to its VMs. */
export function MciHeader({ namespace, mci, busy, lastEvent, regionCount, deleting, canDelete, canDownloadKey, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  const gone = mci.deleting || deleting;

  return (
    <section
      data-testid="mci-header"
      aria-label={`MCI ${mci.name}`}
      className="pointer-events-auto absolute left-3 right-[calc(36rem+0.75rem)] top-3 z-[1001] min-h-[9.5rem] rounded-xl border border-panel-edge bg-panel px-4 pb-3 pt-2.5 shadow-2xl"
    >
      <div className="flex items-start gap-4">
        <div className="min-w-0 flex-1">
          <p className="text-sm text-slate-400">
            <Link href={`/mci?ns=${encodeURIComponent(namespace)}`} className="text-sky-300 underline decoration-sky-300/50 underline-offset-2 hover:decoration-sky-300">
              MCIs
            </Link>{" "}
            / <span className="font-mono">{namespace}</span> · {plural(regionCount, "region")} · policy {mci.policy}
          </p>
          <div className="mt-0.5 flex min-w-0 items-center gap-3">
            <h1 className="truncate font-mono text-2xl font-semibold text-white" title={mci.description || mci.name}>
              {mci.name}
            </h1>
            <GroupStatusBadge status={mci.status} state={mci.state} />
          </div>
        </div>
        <div className="shrink-0 text-right">
          <p data-testid="mci-cost" className="text-2xl font-semibold tabular-nums text-emerald-200">
            {formatPrice(mci.costPerHour)}
          </p>
          <p className="text-sm text-slate-400">billed now</p>
        </div>
      </div>

      <div className="mt-2">
        <ProgressBar count={mci.statusCount} deleting={gone} busy={busy} />
      </div>

      {confirming && !gone ? (
        <ConfirmPanel
          label="Confirm delete"
          confirm="Delete MCI"
          inline
          onConfirm={() => {
            setConfirming(false);
            onDelete();
          }}
          onCancel={() => setConfirming(false)}
        >
          Delete <span className="font-mono">{mci.name}</span>? Its {plural(mci.statusCount.total, "VM")} are terminated, then the MCI is removed.
        </ConfirmPanel>
      ) : (
        <div className="mt-1.5 flex items-center gap-3">
          <p data-testid="last-event" className="min-w-0 flex-1 truncate text-sm text-slate-400" title={lastEvent?.message}>
            {gone ? "Terminating every VM; the MCI disappears once they are gone, then you return to the list." : lastEvent ? `Latest: ${lastEvent.message}` : "\u00a0"}
          </p>
          {canDownloadKey && (
            <a
              href={`/api/v1/ns/${encodeURIComponent(namespace)}/ssh-key`}
              download={`barista-${namespace}.pem`}
              title="The private key every VM of this namespace accepts"
              className="shrink-0 whitespace-nowrap rounded-md px-3 py-1 text-[0.95rem] text-slate-100 ring-1 ring-panel-edge hover:bg-slate-700/60"
            >
              Download SSH key
            </a>
          )}
          {canDelete && (
            <button
              type="button"
              disabled={gone}
              onClick={() => setConfirming(true)}
              className="shrink-0 rounded-md px-3 py-1 text-[0.95rem] font-medium text-rose-200 ring-1 ring-rose-400/50 hover:bg-rose-500/15 disabled:opacity-50"
            >
              {gone ? "Deleting…" : "Delete"}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
