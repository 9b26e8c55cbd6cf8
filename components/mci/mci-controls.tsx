"use client";

import { useState } from "react";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { plural } from "@/lib/core/plural";
import type { MCI_ACTIONS } from "@/lib/validation/mci";

export type VmActionName = (typeof MCI_ACTIONS)[number];

/** Whole MCI, one subgroup (`sg:<name>`), or the VMs ticked in the table. */
export type Scope = "mci" | "selected" | `sg:${string}`;

export type Notice = { tone: "ok" | "error"; text: string };

type Props = {
  scope: Scope;
  subGroups: readonly { name: string; vmCount: number }[];
  vmCount: number;
  selectedCount: number;
  pending: boolean;
  disabled: boolean;
  notice: Notice | null;
  onScope: (scope: Scope) => void;
  onRun: (action: VmActionName) => void;
  onDismiss: () => void;
};

const ACTIONS: { action: VmActionName; label: string; hint: string }[] = [
  { action: "suspend", label: "Suspend", hint: "Stop the VMs; disks stay, compute stops billing" },
  { action: "resume", label: "Resume", hint: "Start suspended VMs again" },
  { action: "reboot", label: "Reboot", hint: "Restart running VMs" },
  { action: "terminate", label: "Terminate", hint: "Delete the VMs for good" },
  { action: "refine", label: "Refine", hint: "Remove the VMs that failed" },
];

export function scopeSize(scope: Scope, vmCount: number, selectedCount: number, subGroups: readonly { name: string; vmCount: number }[]): number {
  if (scope === "mci") return vmCount;
  if (scope === "selected") return selectedCount;
  return subGroups.find((s) => `sg:${s.name}` === scope)?.vmCount ?? 0;
}

/** What to act on and the lifecycle actions; the server's answer (or its reason for refusing) shows below. */
export function MciControls({ scope, subGroups, vmCount, selectedCount, pending, disabled, notice, onScope, onRun, onDismiss }: Props) {
  const [confirming, setConfirming] = useState(false);
  const size = scopeSize(scope, vmCount, selectedCount, subGroups);
  const what = scope === "mci" ? `every VM (${vmCount})` : scope === "selected" ? plural(selectedCount, "selected VM") : `subgroup ${scope.slice(3)} (${size})`;

  return (
    <section aria-label="Actions" className="border-b border-panel-edge px-5 py-3">
      <div className="flex items-center gap-2">
        <label htmlFor="action-scope" className="text-slate-300">
          Act on
        </label>
        <select
          id="action-scope"
          data-testid="action-scope"
          value={scope}
          onChange={(e) => {
            setConfirming(false);
            onScope(e.target.value as Scope);
          }}
          className="min-w-0 flex-1 rounded-lg border border-panel-edge bg-sea px-2.5 py-1.5 text-base text-white focus:border-sky-400 focus:outline-none"
        >
          <option value="mci">the whole MCI ({plural(vmCount, "VM")})</option>
          {selectedCount > 0 && <option value="selected">selected VMs ({selectedCount})</option>}
          {subGroups.map((s) => (
            <option key={s.name} value={`sg:${s.name}`}>
              subgroup {s.name} ({plural(s.vmCount, "VM")})
            </option>
          ))}
        </select>
      </div>
      {confirming ? (
        <ConfirmPanel
          label="Confirm terminate"
          confirm="Terminate"
          onConfirm={() => {
            setConfirming(false);
            onRun("terminate");
          }}
          onCancel={() => setConfirming(false)}
        >
          Terminate {what}? Terminated VMs are gone for good; their disks are deleted.
        </ConfirmPanel>
      ) : (
        <div className="mt-2 flex flex-wrap gap-1.5" role="group" aria-label="Lifecycle actions">
          {ACTIONS.map((a) => (
            <button
              key={a.action}
              type="button"
              title={a.hint}
              disabled={pending || disabled || size === 0}
              onClick={() => (a.action === "terminate" ? setConfirming(true) : onRun(a.action))}
              className={`rounded-md px-3 py-1 text-[0.95rem] font-medium ring-1 disabled:cursor-not-allowed disabled:opacity-50 ${
                a.action === "terminate" ? "text-rose-200 ring-rose-400/50 hover:bg-rose-500/15" : "text-slate-100 ring-panel-edge hover:bg-slate-700/60"
              }`}
            >
              {a.label}
            </button>
          ))}
          {pending && <span className="self-center text-sm text-slate-400">Sending…</span>}
        </div>
      )}
      {/* A two-line slot: a short answer appearing never pushes the table down; a long reason may. */}
      <div aria-live="polite" className="mt-2 min-h-[3.4rem]">
        {notice ? (
          <p
            role={notice.tone === "error" ? "alert" : "status"}
            data-testid="action-notice"
            data-tone={notice.tone}
            className={`flex min-h-[3.4rem] items-start gap-2 rounded-lg border px-3 py-1 text-[0.95rem] leading-snug ${
              notice.tone === "error" ? "border-rose-400/50 bg-rose-500/10 text-rose-100" : "border-emerald-400/40 bg-emerald-500/10 text-emerald-100"
            }`}
          >
            <span className="min-w-0 flex-1">{notice.text}</span>
            <button type="button" onClick={onDismiss} aria-label="Dismiss" className="text-sm opacity-70 hover:opacity-100">
              ✕
            </button>
          </p>
        ) : (
          <p className="px-1 py-1 text-sm leading-snug text-slate-400">
            {selectedCount > 0 || scope !== "mci"
              ? `Actions apply to ${what}.`
              : "Actions apply to every VM; pick a subgroup above or tick VMs in the table to narrow them."}
          </p>
        )}
      </div>
    </section>
  );
}
