"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { formatUtc } from "@/components/ui/format-time";
import { cancelCommand } from "./command-api";
import { COMMAND_VM_COLOURS, commandStatusLabel, COUNTER_ORDER, statusWord } from "./command-display";
import { countByStatus, type LiveVm } from "./command-state";
import type { CommandVmStatus } from "./command-types";
import { CommandVmRow } from "./command-vm-row";
import { useCommandStream } from "./use-command-stream";

// Up to this many VMs, every output pane starts open; beyond, rows show their last line until opened.
const OPEN_ALL_UP_TO = 8;
const ROW_PX = 56;
const estimateSize = () => ROW_PX;
// Counters shown even at zero: the three the eye looks for.
const ALWAYS_COUNTED: readonly CommandVmStatus[] = ["succeeded", "failed", "running"];

type Props = {
  namespace: string;
  mciId: string;
  cid: string;
  canCancel: boolean;
  onBack: () => void;
  /** The command ended (or was found ended): the history may show new counts. */
  onSettled: () => void;
};

/** One command: its VMs with their status, live output and counts, and Cancel while it runs. */
export function CommandRun({ namespace, mciId, cid, canCancel, onBack, onSettled }: Props) {
  const { command, error, missing } = useCommandStream(namespace, mciId, cid);
  const [filter, setFilter] = useState<CommandVmStatus | null>(null);
  const [openAll, setOpenAll] = useState<boolean | null>(null);
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());
  const [cancel, setCancel] = useState<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  const scrollRef = useRef<HTMLDivElement>(null);

  const vms = command?.vms;
  const counts = useMemo(() => countByStatus(vms ?? []), [vms]);
  const rows = useMemo(() => (filter && vms ? vms.filter((v) => v.status === filter) : (vms ?? [])), [vms, filter]);
  const running = command?.status === "running";
  const defaultOpen = openAll ?? counts.total <= OPEN_ALL_UP_TO;
  const allOpen = defaultOpen && toggled.size === 0;
  const done = counts.total - counts.pending - counts.running;

  const status = command?.status;
  useEffect(() => {
    if (status && status !== "running") onSettled();
  }, [status, onSettled]);

  const toggle = useCallback((vmId: string) => {
    setToggled((t) => {
      const next = new Set(t);
      if (!next.delete(vmId)) next.add(vmId);
      return next;
    });
  }, []);

  const getItemKey = useCallback((i: number) => rows[i].vmId, [rows]);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize, overscan: 6, getItemKey });

  async function stop() {
    setCancel({ pending: true, error: null });
    const answer = await cancelCommand(namespace, mciId, cid);
    setCancel({ pending: false, error: answer.ok ? null : `Not cancelled: ${answer.error}` });
  }

  return (
    <section aria-label="Command output" data-testid="command-view" data-command-id={cid} data-status={command?.status ?? "loading"} className="flex min-h-0 flex-1 flex-col">
      <div className="px-5 pt-3">
        <button type="button" onClick={onBack} className="text-sm text-sky-300 hover:underline">
          ← Every command of this MCI
        </button>
        {command && (
          <>
            <pre className="mt-1 max-h-20 overflow-auto whitespace-pre-wrap break-words rounded-md bg-sea px-3 py-1.5 font-mono text-[0.95rem] text-white">
              <span aria-hidden className="select-none text-emerald-300">$ </span>
              {command.command}
            </pre>
            <p className="mt-1 truncate text-sm text-slate-400">
              {command.createdBy} · {formatUtc(command.createdAt)} · timeout {command.timeoutSeconds} s ·{" "}
              <span data-testid="command-status" className={running ? "text-sky-200" : command.status === "finished" ? "text-slate-200" : "text-amber-200"}>
                {commandStatusLabel(command.status)}
              </span>
            </p>
          </>
        )}
      </div>

      {command && (
        <div className="px-5 pt-2">
          <div
            role="progressbar"
            aria-label="VMs done"
            aria-valuemin={0}
            aria-valuemax={counts.total}
            aria-valuenow={done}
            className="flex h-2 w-full overflow-hidden rounded-full bg-slate-700/60"
          >
            {COUNTER_ORDER.filter((s) => s !== "pending" && counts[s] > 0).map((s) => (
              <div key={s} className={`h-full transition-[width] duration-300 ${s === "running" ? "animate-pulse" : ""}`} style={{ width: `${(counts[s] / Math.max(1, counts.total)) * 100}%`, backgroundColor: COMMAND_VM_COLOURS[s] }} />
            ))}
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-1.5" data-testid="command-counts" {...Object.fromEntries(COUNTER_ORDER.map((s) => [`data-${s.toLowerCase()}`, counts[s]]))}>
            {COUNTER_ORDER.filter((s) => ALWAYS_COUNTED.includes(s) || counts[s] > 0).map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={filter === s}
                onClick={() => setFilter((f) => (f === s ? null : s))}
                title={filter === s ? "Show every VM" : `Only the VMs that are ${statusWord(s)}`}
                className={`inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-sm tabular-nums ring-1 ${filter === s ? "bg-sky-500/25 text-white ring-sky-400" : "text-slate-200 ring-panel-edge hover:bg-slate-700/60"}`}
              >
                <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: COMMAND_VM_COLOURS[s] }} />
                {counts[s].toLocaleString("en-US")} {statusWord(s)}
              </button>
            ))}
            <span className="ml-auto flex items-center gap-1.5">
              <button
                type="button"
                onClick={() => {
                  setOpenAll(!allOpen);
                  setToggled(new Set());
                }}
                className="rounded-md px-2 py-0.5 text-sm text-slate-300 ring-1 ring-panel-edge hover:bg-slate-700/60"
              >
                {allOpen ? "Close all" : "Open all"}
              </button>
              {running && canCancel && (
                <button
                  type="button"
                  data-testid="command-cancel"
                  disabled={cancel.pending}
                  onClick={() => void stop()}
                  className="rounded-md px-3 py-0.5 text-sm font-medium text-rose-200 ring-1 ring-rose-400/50 hover:bg-rose-500/15 disabled:opacity-50"
                >
                  {cancel.pending ? "Cancelling…" : "Cancel"}
                </button>
              )}
            </span>
          </div>
          {(error || cancel.error) && (
            <p role="alert" data-testid="command-stream-error" className="mt-2 rounded-lg border border-rose-400/50 bg-rose-500/10 px-3 py-1 text-[0.95rem] text-rose-100">
              {cancel.error ?? error}
            </p>
          )}
        </div>
      )}

      {!command && (
        <p role={error ? "alert" : "status"} className={`px-5 py-4 ${error ? "text-rose-100" : "text-slate-300"}`}>
          {missing ? `${error} It may belong to another MCI, or the link is old.` : (error ?? "Loading the command…")}
        </p>
      )}

      <div ref={scrollRef} className="mt-2 min-h-0 flex-1 overflow-y-auto border-t border-panel-edge [overflow-anchor:none]">
        <div role="list" aria-label="VMs of the command" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const vm: LiveVm = rows[item.index];
            return (
              <CommandVmRow
                key={item.key}
                vm={vm}
                index={item.index}
                top={item.start}
                measureRef={virtualizer.measureElement}
                open={defaultOpen !== toggled.has(vm.vmId)}
                onToggle={toggle}
              />
            );
          })}
        </div>
        {command && rows.length === 0 && (
          <p className="px-5 py-4 text-slate-300">{filter ? `No VM is ${statusWord(filter)}. Click the counter again to see every VM.` : "This command names no VM."}</p>
        )}
      </div>
    </section>
  );
}
