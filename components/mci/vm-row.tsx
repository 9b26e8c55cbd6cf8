"use client";

import { memo, type Ref } from "react";
import { heatColour, providerColour } from "@/lib/core/palette";
import type { VmView } from "@/lib/validation/mci";
import { AppStatePill } from "@/components/apps/app-state-pill";
import type { VmAppState } from "@/components/apps/use-apps";
import { StatusBadge } from "./status-badge";

/** Column widths shared by the header and every row (rows are laid out on their own, not by the table). */
export const COLUMNS = {
  tick: "w-11 shrink-0 pl-5",
  name: "min-w-0 flex-1 pr-2",
  metric: "w-[5.5rem] shrink-0 pr-2",
  status: "w-[8.75rem] shrink-0 pr-2",
  ip: "w-[9.75rem] shrink-0 pr-5",
} as const;

type Props = {
  vm: VmView;
  /** Position among the rows shown (0-based): what the virtual list measures and places it by. */
  index: number;
  /** Pixels from the top of the body. */
  top: number;
  measureRef: Ref<HTMLTableRowElement>;
  regionName: string;
  ticked: boolean;
  open: boolean;
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
  /** undefined: no metric column; null: the VM reports nothing now. */
  metricValue?: number | null;
  /** The apps installed or installing on this VM, under its status. */
  apps?: readonly VmAppState[];
};

// Polls keep unchanged VMs as the same objects, so only rows whose VM changed re-render.
export const VmRow = memo(function VmRow({ vm, index, top, measureRef, regionName, ticked, open, onToggle, onOpen, metricValue, apps }: Props) {
  return (
    <tr
      ref={measureRef}
      data-testid="vm-row"
      data-vm-id={vm.id}
      data-status={vm.status}
      data-index={index}
      aria-rowindex={index + 2}
      style={{ transform: `translateY(${top}px)` }}
      // scroll-margin: a row reached by the keyboard is scrolled clear of the sticky header.
      className={`absolute left-0 top-0 flex w-full scroll-mt-9 items-center border-b border-panel-edge/50 ${
        open ? "bg-sky-500/15 shadow-[inset_3px_0_0_#38bdf8]" : ticked ? "bg-sky-500/5" : "hover:bg-slate-800/50"
      }`}
    >
      <td className={`${COLUMNS.tick} py-1.5`}>
        <input
          type="checkbox"
          data-control="tick"
          checked={ticked}
          onChange={() => onToggle(vm.id)}
          aria-label={`Select ${vm.name}`}
          className="block h-4 w-4 accent-sky-400"
        />
      </td>
      <td className={`${COLUMNS.name} py-1.5`}>
        <button
          type="button"
          data-control="open"
          onClick={() => onOpen(vm.id)}
          className="block max-w-full truncate text-left font-mono text-[0.95rem] text-sky-200 hover:underline"
          title={`Open ${vm.name}`}
        >
          {vm.name}
        </button>
        <span className="flex items-center gap-1.5 text-sm text-slate-400" title={`${regionName} (${vm.region})`}>
          <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: providerColour(vm.provider) }} />
          <span className="truncate">{regionName}</span>
        </span>
      </td>
      {metricValue !== undefined && (
        <td data-testid="vm-metric" className={`${COLUMNS.metric} py-1.5 font-mono text-sm tabular-nums text-slate-100`}>
          {metricValue === null ? (
            <span className="text-slate-500">—</span>
          ) : (
            <span className="flex items-center gap-1.5">
              <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ backgroundColor: heatColour(metricValue) }} />
              {Math.round(metricValue)} %
            </span>
          )}
        </td>
      )}
      <td className={`${COLUMNS.status} py-1.5`} title={vm.statusReason ?? undefined}>
        <StatusBadge status={vm.status} size="sm" />
        {apps?.map((a) => (
          <span key={a.app} className="mt-0.5 block">
            <AppStatePill state={a.state} label={a.app} title={`${a.name}: ${a.state}${a.message ? ` — ${a.message}` : ""}`} small />
          </span>
        ))}
      </td>
      <td className={`${COLUMNS.ip} truncate py-1.5 font-mono text-sm text-slate-200`}>{vm.publicIp ?? <span className="text-slate-500">—</span>}</td>
    </tr>
  );
});
