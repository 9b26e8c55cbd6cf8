"use client";

import { memo, type Ref } from "react";
import { formatDuration } from "@/components/ui/format-time";
import { lastLine, type LiveVm } from "./command-state";
import { CommandVmPill } from "./command-vm-pill";
import { OutputPane } from "./output-pane";

type Props = {
  vm: LiveVm;
  index: number;
  top: number;
  measureRef: Ref<HTMLDivElement>;
  open: boolean;
  onToggle: (vmId: string) => void;
};

function took(vm: LiveVm): string | null {
  if (!vm.startedAt || !vm.endedAt) return null;
  return formatDuration(Date.parse(vm.endedAt) - Date.parse(vm.startedAt));
}

/** One VM of a command: its name, status and last line; open, its whole output. Memoised: a batch redraws only the VMs it changed. */
export const CommandVmRow = memo(function CommandVmRow({ vm, index, top, measureRef, open, onToggle }: Props) {
  const preview = open ? null : lastLine(vm.chunks);
  const time = took(vm);
  return (
    <div
      ref={measureRef}
      role="listitem"
      data-testid="command-vm-row"
      data-vm-id={vm.vmId}
      data-status={vm.status}
      data-exit-code={vm.exitCode ?? undefined}
      data-index={index}
      style={{ transform: `translateY(${top}px)` }}
      className="absolute left-0 top-0 w-full border-b border-panel-edge/50 px-5 py-1.5"
    >
      <button type="button" aria-expanded={open} onClick={() => onToggle(vm.vmId)} className="flex w-full items-center gap-2 text-left hover:text-white">
        <span aria-hidden className={`w-3 shrink-0 text-slate-400 transition-transform ${open ? "rotate-90" : ""}`}>
          ▸
        </span>
        <span className="min-w-0 flex-1 truncate font-mono text-[0.95rem] text-sky-200" title={vm.vmName}>
          {vm.vmName}
        </span>
        {time && <span className="shrink-0 text-sm tabular-nums text-slate-400">{time}</span>}
        <span className="shrink-0">
          <CommandVmPill status={vm.status} exitCode={vm.exitCode} title={vm.message ?? undefined} />
        </span>
      </button>
      {preview ? (
        <p className={`truncate pl-5 font-mono text-[0.85rem] ${preview.stream === "stderr" ? "text-rose-200/90" : "text-slate-400"}`}>{preview.text}</p>
      ) : !open && vm.message ? (
        <p className="truncate pl-5 text-sm text-slate-400">{vm.message}</p>
      ) : null}
      {open && <OutputPane vm={vm} />}
    </div>
  );
});
