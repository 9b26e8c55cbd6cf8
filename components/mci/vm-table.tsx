"use client";

import { useMemo, useState } from "react";
import { VM_STATUSES } from "@/lib/core/types";
import type { VmView } from "@/lib/validation/mci";
import { countKey, type StatusCount } from "./status-display";
import { VirtualVmTable } from "./virtual-vm-table";
import type { VmAppState } from "@/components/apps/use-apps";

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
  /** Each VM's app states, by VM id, shown under its status. */
  apps?: ReadonlyMap<string, VmAppState[]>;
};

function matches(vm: VmView, words: string[], regionName: string): boolean {
  if (words.length === 0) return true;
  const hay = `${vm.name} ${vm.subGroup} ${vm.region} ${regionName} ${vm.provider} ${vm.publicIp ?? ""} ${vm.privateIp ?? ""} ${vm.specName}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The MCI's VMs: filter, tick some for an action, open one for its details. */
export function VmTable({ vms, count, names, selected, openVmId, regionFilter, onClearRegion, onToggle, onSetMany, onOpen, metric = null, apps }: Props) {
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
          <option value="all">All statuses ({count.total.toLocaleString("en-US")})</option>
          {VM_STATUSES.filter((s) => count[countKey(s)] > 0 || s === status).map((s) => (
            <option key={s} value={s}>
              {s} ({count[countKey(s)].toLocaleString("en-US")})
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
      <VirtualVmTable
        rows={rows}
        names={names}
        selected={selected}
        openVmId={openVmId}
        allTicked={allTicked}
        someTicked={someTicked}
        onTickAll={() => onSetMany(rows.map((v) => v.id), !allTicked)}
        onToggle={onToggle}
        onOpen={onOpen}
        metric={metric}
        apps={apps}
        hottestFirst={hottestFirst}
        onHottestFirst={() => setHottestFirst((h) => !h)}
        empty={
          <p className="px-5 py-6 text-slate-300">
            {vms.length === 0 ? "This MCI has no VMs left. Add a subgroup to give it some." : "No VM matches these filters. Clear them to see every VM."}
          </p>
        }
      />
      <p className="border-t border-panel-edge px-5 py-1.5 text-sm text-slate-400">
        Showing <span className="tabular-nums text-slate-200">{rows.length.toLocaleString("en-US")}</span> of <span className="tabular-nums">{vms.length.toLocaleString("en-US")}</span>
        {selected.size > 0 && (
          <>
            {" "}
            · <span className="tabular-nums text-sky-200">{selected.size.toLocaleString("en-US")}</span> selected ·{" "}
            <button type="button" onClick={() => onSetMany([...selected], false)} className="text-sky-300 hover:underline">
              clear
            </button>
          </>
        )}
      </p>
    </div>
  );
}
