"use client";

import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { searchCities } from "./audience";
import type { City } from "./cities";

type Props = { cities: readonly City[]; onPick: (city: City) => void };

/** Adds a city of the offline list to the audience, weighted 1. */
export function CitySearch({ cities, onPick }: Props) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const matches = useMemo(() => searchCities(cities, query), [cities, query]);
  const open = query.trim() !== "";

  function pick(city: City) {
    onPick(city);
    setQuery("");
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (matches.length) setActive((i) => (i + (e.key === "ArrowDown" ? 1 : -1) + matches.length) % matches.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      const city = matches[active] ?? matches[0];
      if (city) pick(city);
    } else if (e.key === "Escape" && query) {
      e.preventDefault();
      setQuery("");
    }
  }

  return (
    <div className="relative">
      <input
        type="search"
        role="combobox"
        aria-label="Add a city"
        aria-expanded={open}
        aria-controls={listId}
        autoComplete="off"
        spellCheck={false}
        value={query}
        placeholder="Add a city: Seoul, Lagos, Lima…"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="w-full rounded-lg border border-panel-edge bg-slate-900/60 px-3 py-2 text-base text-white placeholder:text-slate-400 focus:border-sky-400 focus:outline-none"
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Matching cities" className="absolute inset-x-0 top-full z-10 mt-1 max-h-72 overflow-y-auto rounded-lg border border-panel-edge bg-panel py-1 shadow-2xl">
          {matches.length === 0 && <li className="px-3 py-2 text-slate-300">No city of 100,000 people or more matches “{query.trim()}”.</li>}
          {matches.map((c, i) => (
            <li
              key={`${c[0]}-${c[1]}-${c[2]}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
              onMouseEnter={() => setActive(i)}
              className={`flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 ${i === active ? "bg-slate-700/70" : ""}`}
            >
              <span className="truncate text-white">
                {c[0]} <span className="text-slate-400">{c[1]}</span>
              </span>
              <span className="shrink-0 text-sm tabular-nums text-slate-400">{(c[4] / 1e6).toFixed(c[4] >= 1e7 ? 0 : 1)} M</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
