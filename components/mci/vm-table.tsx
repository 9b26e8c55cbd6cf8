"use client";

import { memo, useMemo, useState } from "react";
import { heatColour, providerColour } from "@/lib/core/palette";
import { VM_STATUSES } from "@/lib/core/types";
import type { VmView } from "@/lib/validation/mci";
import { countKey, type StatusCount } from "./status-display";
import { StatusBadge } from "./status-badge";

type Props = {
  vms: readonly VmView[];
  count: StatusCount;
  names: ReadonlyMap<string, string>;
  selected: ReadonlySet<string>;
  openVmId: string | null;
  regionFilter: string | null;
  onClearRegion: () => void;
  onToggle: (id: string) => void;
  onSetMany: (ids: readonly string[], on: boolean) => void;
  onOpen: (id: string) => void;
  /** A column of each VM's latest value of a utilisation metric (while the map shows its heat). */
  metric?: { label: string; values: ReadonlyMap<string, number> } | null;
};

function matches(vm: VmView, words: string[], regionName: string): boolean {
  if (words.length === 0) return true;
  const hay = `${vm.name} ${vm.subGroup} ${vm.region} ${regionName} ${vm.provider} ${vm.publicIp ?? ""} ${vm.privateIp ?? ""} ${vm.specName}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The MCI's VMs: filter, tick some for an action, open one for its details. */
export function VmTable({ vms, count, names, selected, openVmId, regionFilter, onClearRegion, onToggle, onSetMany, onOpen, metric = null }: Props) {
  const [filter, setFilter] = useState("");
  const [status, setStatus] = useState<string>("all");
  const [hottestFirst, setHottestFirst] = useState(false);
  const values = metric?.values;
  const rows = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = vms.filter(
      (v) => (!regionFilter || v.region === regionFilter) && (status === "all" || v.status === status) && matches(v, words, names.get(v.region) ?? ""),
    );
    return hottestFirst && values ? [...shown].sort((a, b) => (values.get(b.id) ?? -1) - (values.get(a.id) ?? -1)) : shown;
  }, [vms, filter, status, regionFilter, names, hottestFirst, values]);
  const allTicked = rows.length > 0 && rows.every((v) => selected.has(v.id));
  const someTicked = rows.some((v) => selected.has(v.id));

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-2 px-5 pt-3">
        <input
          type="search"
          aria-label="Filter VMs"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && filter) {
              e.preventDefault();
              e.stopPropagation();
              setFilter("");
            }
          }}
          placeholder="Filter: name, region, IP, spec"
          autoComplete="off"
          spellCheck={false}
          className="min-w-0 flex-1 rounded-lg border border-panel-edge bg-sea px-3 py-1.5 text-base text-white placeholder:text-slate-500 focus:border-sky-400 focus:outline-none"
        />
        <select
          aria-label="Only VMs in status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          className="rounded-lg border border-panel-edge bg-sea px-2.5 py-1.5 text-base text-white focus:border-sky-400 focus:outline-none"
        >
          <option value="all">All statuses ({count.total})</option>
          {VM_STATUSES.filter((s) => count[countKey(s)] > 0 || s === status).map((s) => (
            <option key={s} value={s}>
              {s} ({count[countKey(s)]})
            </option>
          ))}
        </select>
      </div>
      {regionFilter && (
        <p className="mx-5 mt-2 flex items-center gap-2 rounded-lg bg-sky-500/10 px-3 py-1 text-[0.95rem] text-sky-100 ring-1 ring-sky-400/40">
          <span className="min-w-0 flex-1 truncate">
            Only <span className="font-medium">{names.get(regionFilter) ?? regionFilter}</span>{" "}
            <span className="font-mono text-sm text-sky-200/80">{regionFilter}</span>
          </span>
          <button type="button" onClick={onClearRegion} className="rounded px-1.5 text-sky-200 hover:bg-sky-400/20" aria-label="Show every region">
            ✕
          </button>
        </p>
      )}
      <div className="mt-2 min-h-0 flex-1 overflow-y-auto">
        <table data-testid="vm-table" className="w-full table-fixed text-left text-[0.95rem]">
          <thead className="sticky top-0 z-10 bg-panel text-sm text-slate-400">
            <tr className="border-b border-panel-edge">
              <th className="w-11 py-1.5 pl-5">
                <input
                  type="checkbox"
                  aria-label="Select every VM shown"
                  checked={allTicked}
                  ref={(el) => {
                    if (el) el.indeterminate = someTicked && !allTicked;
                  }}
                  onChange={() => onSetMany(rows.map((v) => v.id), !allTicked)}
                  className="h-4 w-4 accent-sky-400"
                />
              </th>
              <th className="py-1.5 pr-2 font-medium">VM · region</th>
              {metric && (
                <th className="w-[5.5rem] py-1.5 pr-2 font-medium" aria-sort={hottestFirst ? "descending" : "none"}>
                  <button type="button" onClick={() => setHottestFirst((h) => !h)} title={hottestFirst ? "Back to the usual order" : "Hottest first"} className="hover:text-white">
                    {metric.label} {hottestFirst ? "↓" : "↕"}
                  </button>
                </th>
              )}
              <th className="w-[8.75rem] py-1.5 pr-2 font-medium">Status</th>
              <th className="w-[9.75rem] py-1.5 pr-5 font-medium">Public IP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <VmRow
                key={v.id}
                vm={v}
                regionName={names.get(v.region) ?? v.region}
                ticked={selected.has(v.id)}
                open={v.id === openVmId}
                onToggle={onToggle}
                onOpen={onOpen}
                metricValue={metric ? (values?.get(v.id) ?? null) : undefined}
              />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <p className="px-5 py-6 text-slate-300">
            {vms.length === 0 ? "This MCI has no VMs left. Add a subgroup to give it some." : "No VM matches these filters. Clear them to see every VM."}
          </p>
        )}
      </div>
      <p className="border-t border-panel-edge px-5 py-1.5 text-sm text-slate-400">
        Showing <span className="tabular-nums text-slate-200">{rows.length}</span> of <span className="tabular-nums">{vms.length}</span>
        {selected.size > 0 && (
          <>
            {" "}
            · <span className="tabular-nums text-sky-200">{selected.size}</span> selected ·{" "}
            <button type="button" onClick={() => onSetMany([...selected], false)} className="text-sky-300 hover:underline">
              clear
            </button>
          </>
        )}
      </p>
    </div>
  );
}

type RowProps = {
  vm: VmView;
  regionName: string;
  ticked: boolean;
  open: boolean;
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
  /** undefined: no metric column; null: the VM reports nothing now. */
  metricValue?: number | null;
};

// Polls keep unchanged VMs as the same objects, so only rows whose VM changed re-render.
const VmRow = memo(function VmRow({ vm, regionName, ticked, open, onToggle, onOpen, metricValue }: RowProps) {
  return (
    <tr
      data-testid="vm-row"
      data-vm-id={vm.id}
      data-status={vm.status}
      className={`border-b border-panel-edge/50 ${open ? "bg-sky-500/15 shadow-[inset_3px_0_0_#38bdf8]" : ticked ? "bg-sky-500/5" : "hover:bg-slate-800/50"}`}
    >
      <td className="py-1.5 pl-5 align-middle">
        <input type="checkbox" checked={ticked} onChange={() => onToggle(vm.id)} aria-label={`Select ${vm.name}`} className="h-4 w-4 accent-sky-400" />
      </td>
      <td className="min-w-0 py-1.5 pr-2">
        <button type="button" onClick={() => onOpen(vm.id)} className="block max-w-full truncate text-left font-mono text-[0.95rem] text-sky-200 hover:underline" title={`Open ${vm.name}`}>
          {vm.name}
        </button>
        <span className="flex items-center gap-1.5 text-sm text-slate-400" title={`${regionName} (${vm.region})`}>
          <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: providerColour(vm.provider) }} />
          <span className="truncate">{regionName}</span>
        </span>
      </td>
      {metricValue !== undefined && (
        <td data-testid="vm-metric" className="py-1.5 pr-2 font-mono text-sm tabular-nums text-slate-100">
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
      <td className="py-1.5 pr-2" title={vm.statusReason ?? undefined}>
        <StatusBadge status={vm.status} size="sm" />
      </td>
      <td className="truncate py-1.5 pr-5 font-mono text-sm text-slate-200">{vm.publicIp ?? <span className="text-slate-500">—</span>}</td>
    </tr>
  );
});
