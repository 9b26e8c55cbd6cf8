"use client";

import { useMemo, useState } from "react";
import type { Spec } from "@/lib/core/types";
import { formatGiB, formatPrice } from "./format";
import { useRegionSpecs } from "./use-catalogue";

type SortKey = "name" | "vcpu" | "memoryGiB" | "pricePerHour";
const COLUMNS: { key: SortKey; label: string; numeric: boolean; width: string }[] = [
  { key: "name", label: "Spec", numeric: false, width: "w-[43%]" },
  { key: "vcpu", label: "vCPU", numeric: true, width: "w-[14%]" },
  { key: "memoryGiB", label: "Memory", numeric: true, width: "w-[19%]" },
  { key: "pricePerHour", label: "Price", numeric: true, width: "w-[24%]" },
];
// Hundreds of rows would make the panel crawl on a projector laptop; the filter narrows instead.
const MAX_ROWS = 150;

const PRICE_SOURCE: Record<Spec["priceSource"], string> = {
  tumblebug: "Price from CB-Tumblebug's price data",
  list: "Provider list price",
  modelled: "Modelled: the provider's list price adjusted for this region",
  owned: "Owned: a registered server of yours, no hourly price",
};

function compare(a: Spec, b: Spec, key: SortKey): number {
  if (key === "name") return a.name.localeCompare(b.name, undefined, { numeric: true });
  return a[key] - b[key] || a.pricePerHour - b.pricePerHour;
}

function matches(spec: Spec, q: string): boolean {
  const gpu = spec.accelerator ? `${spec.accelerator.type} ${spec.accelerator.model}` : "";
  return `${spec.name} ${spec.family} ${gpu}`.toLowerCase().includes(q);
}

/** The VM sizes offered in a region, cheapest first, sortable and filterable. */
export function RegionSpecs({ regionKey }: { regionKey: string }) {
  const query = useRegionSpecs(regionKey);
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "pricePerHour", dir: 1 });

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const list = (query.data ?? []).filter((s) => !q || matches(s, q));
    return list.sort((a, b) => sort.dir * compare(a, b, sort.key));
  }, [query.data, filter, sort]);

  if (query.isPending) return <p className="py-6 text-slate-300">Loading the specs offered here…</p>;
  if (query.isError)
    return (
      <div className="py-4 text-slate-200">
        <p>Could not load the specs: {query.error.message}</p>
        <button type="button" onClick={() => query.refetch()} className="mt-2 rounded-md bg-slate-700 px-3 py-1.5 hover:bg-slate-600">
          Retry
        </button>
      </div>
    );
  if (query.data.length === 0) return <p className="py-6 text-slate-300">This region lists no VM specs in the catalogue.</p>;

  return (
    <div>
      <input
        type="search"
        aria-label="Filter specs"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && filter) {
            e.preventDefault();
            setFilter("");
          }
        }}
        placeholder={`Filter ${query.data.length} specs: name, family, GPU`}
        className="mb-2 w-full rounded-lg border border-panel-edge bg-sea px-3 py-2 text-base text-white placeholder:text-slate-500 focus:border-sky-400 focus:outline-none"
      />
      <table data-testid="spec-table" className="w-full table-fixed text-[0.95rem]">
        <thead className="sticky top-0 bg-panel text-left text-sm text-slate-400">
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                aria-sort={sort.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : "none"}
                className={`py-1.5 font-medium ${c.numeric ? "text-right" : ""} ${c.width}`}
              >
                <button
                  type="button"
                  onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? (-s.dir as 1 | -1) : 1 }))}
                  className="hover:text-white"
                >
                  {c.label}
                  {sort.key === c.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_ROWS).map((s) => (
            <tr key={s.id} className="border-t border-panel-edge/60">
              <td className="py-1.5 pr-2" title={`${s.name} (${s.family})`}>
                <span className="block truncate font-mono text-sm text-slate-100">{s.name}</span>
                {s.accelerator && (
                  <span className="mt-0.5 inline-block max-w-full truncate rounded bg-amber-400/15 px-1.5 text-xs font-medium text-amber-200 ring-1 ring-amber-400/40">
                    {s.accelerator.count}× {s.accelerator.model}
                    {s.accelerator.memoryGiB ? ` · ${formatGiB(s.accelerator.memoryGiB)}` : ""}
                  </span>
                )}
              </td>
              <td className="py-1.5 text-right tabular-nums">{s.vcpu}</td>
              <td className="whitespace-nowrap py-1.5 text-right tabular-nums">{formatGiB(s.memoryGiB)}</td>
              <td className="whitespace-nowrap py-1.5 text-right tabular-nums text-emerald-200" title={PRICE_SOURCE[s.priceSource]}>
                {s.priceSource === "modelled" ? "≈" : ""}
                {formatPrice(s.pricePerHour)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="py-3 text-slate-300">No spec matches “{filter.trim()}”. Clear the filter to see all.</p>}
      <p className="mt-2 text-sm text-slate-400">
        {rows.length > MAX_ROWS ? `Showing ${MAX_ROWS} of ${rows.length}; type in the filter to narrow. ` : ""}
        On-demand Linux prices in USD; ≈ marks a modelled price.
      </p>
    </div>
  );
}
