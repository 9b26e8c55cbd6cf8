"use client";

import { memo, useMemo, useState } from "react";
import { searchRegions } from "@/components/map/search-regions";
import type { MapRegion } from "@/components/map/use-catalogue";
import { providerColour } from "@/lib/core/palette";

type Props = {
  regions: readonly MapRegion[];
  selected: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onClear: () => void;
};

const MAX_MATCHES = 60;

/** The list way to pick regions: type to filter, tick to add; the ones chosen stay on top. */
export const RegionPicker = memo(function RegionPicker({ regions, selected, onToggle, onClear }: Props) {
  const [query, setQuery] = useState("");
  const rows = useMemo(() => {
    if (query.trim()) return searchRegions(regions, query, MAX_MATCHES);
    const chosen = regions.filter((r) => selected.has(r.key));
    const rest = regions.filter((r) => !selected.has(r.key)).sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
    return [...chosen, ...rest];
  }, [regions, selected, query]);
  const providers = useMemo(() => new Set(regions.filter((r) => selected.has(r.key)).map((r) => r.provider)).size, [regions, selected]);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-2">
        <p className="flex-1 text-slate-200" data-testid="selected-summary">
          <span className="font-semibold tabular-nums text-white">{selected.size}</span> {selected.size === 1 ? "region" : "regions"} selected
          {selected.size > 0 && (
            <>
              {" "}
              over <span className="tabular-nums">{providers}</span> {providers === 1 ? "provider" : "providers"}
            </>
          )}
        </p>
        {selected.size > 0 && (
          <button type="button" onClick={onClear} className="rounded-md px-2.5 py-1 text-slate-300 hover:bg-slate-700/60 hover:text-white">
            Clear
          </button>
        )}
      </div>
      <input
        type="search"
        aria-label="Filter regions"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && query) {
            e.preventDefault();
            setQuery("");
          } else if (e.key === "Enter" && rows[0] && query.trim()) {
            e.preventDefault();
            onToggle(rows[0].key);
          }
        }}
        placeholder="Filter: city, country, key or provider"
        autoComplete="off"
        spellCheck={false}
        className="mt-2 w-full rounded-lg border border-panel-edge bg-sea px-3 py-2 text-base text-white placeholder:text-slate-500 focus:border-sky-400 focus:outline-none"
      />
      <ul aria-label="Regions" data-testid="region-list" className="mt-2 min-h-0 flex-1 overflow-y-auto rounded-lg border border-panel-edge/70">
        {rows.length === 0 && <li className="px-3 py-3 text-slate-300">No region matches “{query.trim()}”. Try a city (Seoul), a country (Japan) or a key.</li>}
        {rows.map((r) => {
          const on = selected.has(r.key);
          const noConnection = r.connections.length === 0;
          return (
            <li key={r.key} data-region={r.key} className={`border-b border-panel-edge/50 last:border-b-0 ${on ? "bg-sky-500/10" : ""}`}>
              <label className="flex cursor-pointer items-center gap-3 px-3 py-1.5 hover:bg-slate-800/60">
                <input type="checkbox" checked={on} onChange={() => onToggle(r.key)} aria-label={r.key} className="h-4 w-4 shrink-0 accent-sky-400" />
                <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: providerColour(r.provider) }} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-slate-100">{r.name}</span>
                  <span className="block truncate font-mono text-sm text-slate-400">
                    {r.key}
                    {noConnection && <span className="ml-2 font-sans text-amber-300">no connection</span>}
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
});
