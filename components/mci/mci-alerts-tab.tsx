"use client";

import Link from "next/link";
import { AlertEvents } from "@/components/alerts/alert-events";

/** The MCI's alert events, and where its rules are made. */
export function MciAlertsTab({ mciId, vmNames, onOpenVm, canAddRule }: { mciId: string; vmNames: ReadonlyMap<string, string>; onOpenVm: (vmId: string) => void; canAddRule: boolean }) {
  return (
    <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
      <AlertEvents mci={mciId} vmNames={vmNames} onOpenVm={onOpenVm} compact />
      <p className="mt-4 text-[0.95rem] text-slate-300">
        {canAddRule && (
          <Link href={`/alerts?mci=${encodeURIComponent(mciId)}`} className="font-medium text-sky-300 underline decoration-sky-300/50 underline-offset-2 hover:decoration-sky-300">
            New rule for this MCI
          </Link>
        )}
        <span className="text-slate-400">{canAddRule ? " · rules live on the " : "Rules live on the "}</span>
        <Link href="/alerts" className="text-sky-300 underline decoration-sky-300/50 underline-offset-2 hover:decoration-sky-300">
          Alerts page
        </Link>
        <span className="text-slate-400">: one can watch a VM, this MCI or its whole namespace.</span>
      </p>
    </div>
  );
}
