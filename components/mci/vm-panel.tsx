"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { formatGiB, formatPrice } from "@/components/map/format";
import { VmMetrics } from "@/components/monitoring/vm-metrics";
import type { ChartRange, RangeId } from "@/components/monitoring/ranges";
import { providerColour } from "@/lib/core/palette";
import type { VmView } from "@/lib/validation/mci";
import { formatClock, formatStep, formatUtc } from "@/components/ui/format-time";
import { StatusBadge } from "./status-badge";
import type { VmActionName } from "./mci-controls";

type Props = {
  open: boolean;
  vm: VmView | null;
  /** The id in the URL when this MCI has no such VM (any more). */
  missingId: string | null;
  regionName: string | null;
  namespace: string;
  busy: boolean;
  /** Whether the viewer's role in this namespace may run actions on the VM and download the key to it. */
  canAct: boolean;
  canDownloadKey: boolean;
  onAction: (action: VmActionName, vm: VmView) => void;
  onClose: () => void;
  range: ChartRange;
  onRange: (id: RangeId) => void;
};

function Fact({ label, children, wide, testId }: { label: string; children: ReactNode; wide?: boolean; testId?: string }) {
  return (
    <div className={`min-w-0 ${wide ? "col-span-2" : ""}`}>
      <dt className="text-sm text-slate-400">{label}</dt>
      <dd data-testid={testId} className="break-words text-slate-100">
        {children}
      </dd>
    </div>
  );
}

const VM_ACTIONS: VmActionName[] = ["suspend", "resume", "reboot", "terminate"];

/** One VM: addresses, size, image, where it runs, and every status it went through, with when and why. */
export function VmPanel({ open, vm, missingId, regionName, namespace, busy, canAct, canDownloadKey, onAction, onClose, range, onRange }: Props) {
  // Keep the last VM on screen while the panel slides out, instead of an empty box.
  const [shown, setShown] = useState<VmView | null>(vm);
  if (vm && vm !== shown) setShown(vm);
  const closeRef = useRef<HTMLButtonElement>(null);
  const openId = open ? (vm?.id ?? missingId) : null;
  useEffect(() => {
    if (openId) closeRef.current?.focus({ preventScroll: true });
  }, [openId]);

  const history = shown?.history ?? [];
  return (
    <aside
      data-testid="vm-panel"
      aria-label={shown ? `VM ${shown.name}` : "VM"}
      aria-hidden={!open}
      inert={!open}
      className={`absolute bottom-0 right-0 top-0 z-[1003] flex w-full flex-col border-l border-panel-edge bg-panel shadow-[-12px_0_32px_rgb(0_0_0/0.45)] transition-[translate,visibility] duration-200 ease-out sm:w-[36rem] ${
        open ? "visible translate-x-0" : "invisible translate-x-full"
      }`}
    >
      <header className="flex items-start gap-3 border-b border-panel-edge px-5 pb-3 pt-4">
        <div className="min-w-0 flex-1">
          {missingId && !vm ? (
            <h2 className="text-2xl font-semibold text-white">VM not found</h2>
          ) : shown ? (
            <>
              <p className="flex items-center gap-2 text-sm font-medium text-slate-300">
                <span aria-hidden className="h-3 w-3 rounded-full" style={{ backgroundColor: providerColour(shown.provider) }} />
                {shown.provider} · subgroup <span className="font-mono">{shown.subGroup}</span>
              </p>
              <h2 className="mt-0.5 truncate font-mono text-2xl font-semibold text-white" title={shown.name}>
                {shown.name}
              </h2>
              <div className="mt-1.5 flex items-center gap-2">
                <StatusBadge status={shown.status} />
                {shown.desired !== shown.status && shown.desired !== "Removed" && shown.status !== "Failed" && (
                  <span className="text-sm text-slate-400">on its way to {shown.desired}</span>
                )}
              </div>
            </>
          ) : null}
        </div>
        <button
          ref={closeRef}
          type="button"
          onClick={onClose}
          aria-label="Close the VM panel (Esc)"
          title="Close (Esc)"
          className="shrink-0 rounded-md px-2 py-1 text-2xl leading-none text-slate-400 hover:bg-slate-700/60 hover:text-white"
        >
          ×
        </button>
      </header>

      {missingId && !vm ? (
        <p className="p-5 text-slate-300">
          This MCI has no VM <span className="font-mono">{missingId}</span>: it may have been refined away or the link is old. Pick a VM in the
          table instead.
        </p>
      ) : shown ? (
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
          {shown.statusReason && (
            <p role="status" className={`mb-3 rounded-lg border px-3 py-2 ${shown.status === "Failed" ? "border-rose-400/50 bg-rose-500/10 text-rose-100" : "border-panel-edge bg-sea/60 text-slate-200"}`}>
              {shown.statusReason}
            </p>
          )}
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3">
            <Fact label="Public IP" testId="vm-public-ip">
              <span className="font-mono">{shown.publicIp ?? "none yet"}</span>
            </Fact>
            <Fact label="Private IP" testId="vm-private-ip">
              <span className="font-mono">{shown.privateIp ?? "none yet"}</span>
            </Fact>
            <Fact label="Spec" testId="vm-spec">
              <span className="font-mono">{shown.specName}</span>
              <span className="block text-sm text-slate-300">
                {shown.vcpu} vCPU · {formatGiB(shown.memoryGiB)} · <span className="text-emerald-200">{formatPrice(shown.pricePerHour)}</span>
              </span>
            </Fact>
            <Fact label="Image" testId="vm-image">
              <span className="break-all font-mono text-[0.95rem]">{shown.imageId}</span>
            </Fact>
            <Fact label="Region" testId="vm-region">
              {regionName ?? shown.region}
              <span className="block font-mono text-sm text-slate-400">{shown.region}</span>
            </Fact>
            <Fact label="Connection" testId="vm-connection">
              <span className="font-mono">{shown.connection}</span>
              {shown.zone && <span className="block text-sm text-slate-400">zone {shown.zone}</span>}
            </Fact>
            <Fact label="Cloud id">
              <span className="break-all font-mono text-sm">{shown.cloudId ?? "not made yet"}</span>
            </Fact>
            <Fact label="Created">
              <span className="text-[0.95rem]">{formatUtc(shown.createdAt)}</span>
            </Fact>
          </dl>

          {(canAct || (canDownloadKey && shown.publicIp)) && (
            <div className="mt-4 flex flex-wrap gap-2" role="group" aria-label="Actions on this VM">
              {canAct &&
                VM_ACTIONS.map((a) => (
                  <button
                    key={a}
                    type="button"
                    disabled={busy}
                    onClick={() => onAction(a, shown)}
                    className={`rounded-md px-3 py-1 text-[0.95rem] font-medium capitalize ring-1 disabled:opacity-50 ${
                      a === "terminate" ? "text-rose-200 ring-rose-400/50 hover:bg-rose-500/15" : "text-slate-100 ring-panel-edge hover:bg-slate-700/60"
                    }`}
                  >
                    {a}
                  </button>
                ))}
              {canDownloadKey && shown.publicIp && (
                <a
                  href={`/api/v1/ns/${encodeURIComponent(namespace)}/ssh-key`}
                  download={`barista-${namespace}.pem`}
                  className="ml-auto rounded-md px-3 py-1 text-[0.95rem] text-sky-200 ring-1 ring-panel-edge hover:bg-slate-700/60"
                >
                  SSH key
                </a>
              )}
            </div>
          )}

          {/* Charts poll while the panel is open only. */}
          {open && (
            <div className="mt-5">
              <VmMetrics vmId={shown.id} range={range} onRange={onRange} reporting={shown.status === "Running"} />
            </div>
          )}

          <h3 className="mt-5 text-base font-semibold text-white">Status history</h3>
          <ol data-testid="vm-history" className="mt-2 border-l-2 border-panel-edge pl-4">
            {history.map((h, i) => {
              const prev = history[i - 1];
              const step = prev ? Date.parse(h.at) - Date.parse(prev.at) : null;
              return (
                <li key={`${h.at}-${i}`} data-testid="vm-history-entry" data-status={h.status} className="relative pb-3 last:pb-0">
                  <span aria-hidden className="absolute -left-[1.4rem] top-2 h-2.5 w-2.5 rounded-full ring-4 ring-panel" style={{ backgroundColor: "#94a3b8" }} />
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                    <StatusBadge status={h.status} size="sm" />
                    <time dateTime={h.at} title={formatUtc(h.at)} className="font-mono text-sm tabular-nums text-slate-300">
                      {h.at.slice(0, 10)} {formatClock(h.at, true)} UTC
                    </time>
                    {step !== null && <span className="text-sm tabular-nums text-slate-400">{formatStep(step)}</span>}
                  </div>
                  {h.reason && <p className="mt-0.5 text-[0.95rem] text-slate-300">{h.reason}</p>}
                </li>
              );
            })}
            {history.length === 0 && <li className="text-slate-400">No status recorded yet.</li>}
          </ol>
        </div>
      ) : null}
    </aside>
  );
}
