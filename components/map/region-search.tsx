"use client";

import { useId, useMemo, useState, type KeyboardEvent, type RefObject } from "react";
import { providerColour } from "@/lib/core/palette";
import { searchRegions } from "./search-regions";
import type { MapRegion } from "./use-catalogue";

type Props = {
  regions: readonly MapRegion[];
  inputRef: RefObject<HTMLInputElement | null>;
  onPick: (key: string) => void;
  disabled?: boolean;
};

/** Finds a region by key, region code, city or country; `/` focuses it (see map-page). */
export function RegionSearch({ regions, inputRef, onPick, disabled }: Props) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const matches = useMemo(() => searchRegions(regions, query), [regions, query]);
  const showList = open && query.trim() !== "";

  function pick(region: MapRegion) {
    onPick(region.key);
    setQuery("");
    setOpen(false);
    inputRef.current?.blur();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (matches.length === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
      setOpen(true);
    } else if (e.key === "Enter") {
      e.preventDefault();
      const region = matches[active] ?? matches[0];
      if (region) pick(region);
    } else if (e.key === "Escape") {
      // With text, Esc only clears it; on an empty box it falls through and closes the panel.
      if (query) {
        e.preventDefault();
        setQuery("");
      } else {
        inputRef.current?.blur();
      }
    }
  }

  return (
    <div className="pointer-events-auto absolute left-3 top-3 z-[1001] w-[24rem] max-w-[calc(100vw-1.5rem)]">
      <div className="flex items-center rounded-xl border border-panel-edge bg-panel/95 shadow-2xl backdrop-blur focus-within:border-sky-400">
        <svg aria-hidden viewBox="0 0 20 20" className="ml-3 h-5 w-5 shrink-0 fill-slate-400">
          <path d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64-1.06 1.06-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
        </svg>
        <input
          ref={inputRef}
          type="search"
          role="combobox"
          aria-label="Search regions"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && matches[active] ? `${listId}-${active}` : undefined}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          value={query}
          placeholder={disabled ? "Loading regions…" : "Search a region: key, city or country"}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          className="min-w-0 flex-1 bg-transparent px-3 py-2.5 text-base text-white placeholder:text-slate-400 focus:outline-none [&::-webkit-search-cancel-button]:hidden"
        />
        <kbd className="mr-3 rounded border border-slate-600 px-1.5 text-sm text-slate-400" title="Press / to search">
          /
        </kbd>
      </div>
      {showList && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching regions"
          className="mt-1.5 max-h-[60vh] overflow-y-auto rounded-xl border border-panel-edge bg-panel/95 py-1 shadow-2xl backdrop-blur"
        >
          {matches.length === 0 && (
            <li className="px-4 py-2.5 text-slate-300">
              No region matches “{query.trim()}”. Try a city (Seoul), a country (Japan) or a key (aws-us-east-1).
            </li>
          )}
          {matches.map((region, i) => (
            <li
              key={region.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(region);
              }}
              onMouseEnter={() => setActive(i)}
              className={`flex cursor-pointer items-center gap-3 px-4 py-2 ${i === active ? "bg-slate-700/70" : ""}`}
            >
              <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: providerColour(region.provider) }} />
              <span className="min-w-0 flex-1">
                <span className="block truncate text-white">{region.name}</span>
                <span className="block truncate font-mono text-sm text-slate-400">{region.key}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
