"use client";

import { memo, useState } from "react";
import { providerColour } from "@/lib/core/palette";
import type { ProviderSummary } from "./use-catalogue";

type Props = {
  providers: readonly ProviderSummary[];
  hidden: ReadonlySet<string>;
  visibleCount: number;
  totalCount: number;
  onToggle: (provider: string) => void;
  onShowOnly: (provider: string) => void;
  onShowAll: () => void;
  onHideAll: () => void;
};

/** The providers on the map, their colours and region counts; a click shows or hides one. */
export const ProviderLegend = memo(function ProviderLegend(props: Props) {
  const { providers, hidden, visibleCount, totalCount, onToggle, onShowOnly, onShowAll, onHideAll } = props;
  // Folding the list frees the map's corner when zoomed in; the count stays in view.
  const [folded, setFolded] = useState(false);
  return (
    <section
      aria-label="Providers"
      className="pointer-events-auto absolute bottom-6 left-3 z-[1000] w-[21rem] rounded-xl border border-panel-edge bg-panel/95 p-3 shadow-2xl backdrop-blur"
    >
      <div className="flex items-center gap-2">
        <h2 className="text-base font-semibold text-white">Providers</h2>
        <p className="flex-1 text-right text-sm text-slate-300">
          <span data-testid="region-count" className="font-semibold tabular-nums text-white">
            {visibleCount}
          </span>
          {visibleCount !== totalCount && <span className="tabular-nums"> of {totalCount}</span>} regions
        </p>
        <button
          type="button"
          aria-expanded={!folded}
          aria-controls="provider-legend-list"
          onClick={() => setFolded((f) => !f)}
          title={folded ? "Show the providers" : "Fold the list"}
          className="rounded px-1.5 text-slate-400 hover:bg-slate-700/60 hover:text-white"
        >
          <span aria-hidden>{folded ? "▴" : "▾"}</span>
          <span className="sr-only">{folded ? "Show providers" : "Fold providers"}</span>
        </button>
      </div>
      <div id="provider-legend-list" hidden={folded}>
      <ul className="mt-2 space-y-px">
        {providers.map((p) => {
          const shown = !hidden.has(p.id);
          return (
            <li key={p.id} className="group flex items-center gap-1">
              <button
                type="button"
                aria-pressed={shown}
                data-provider={p.id}
                onClick={() => onToggle(p.id)}
                title={shown ? `Hide ${p.name}` : `Show ${p.name}`}
                className={`flex min-w-0 flex-1 items-center gap-2.5 rounded-md px-2 py-[3px] text-left text-[0.95rem] transition-colors hover:bg-slate-700/50 ${
                  shown ? "text-slate-100" : "text-slate-500"
                }`}
              >
                <span
                  aria-hidden
                  className="h-3.5 w-3.5 shrink-0 rounded-full border-2"
                  style={{
                    backgroundColor: shown ? providerColour(p.id) : "transparent",
                    borderColor: providerColour(p.id),
                  }}
                />
                <span className="min-w-0 flex-1 truncate">{p.name}</span>
                <span className="tabular-nums text-sm text-slate-400">{p.regionCount}</span>
              </button>
              <button
                type="button"
                onClick={() => onShowOnly(p.id)}
                aria-label={`Show only ${p.name}`}
                className="rounded px-1.5 py-0.5 text-xs text-slate-400 opacity-0 transition-opacity hover:bg-slate-700 hover:text-white focus:opacity-100 group-hover:opacity-100"
              >
                only
              </button>
            </li>
          );
        })}
      </ul>
      <div className="mt-2 flex items-center gap-2 border-t border-panel-edge pt-2 text-sm">
        <button type="button" onClick={onShowAll} className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-700/60">
          All
        </button>
        <button type="button" onClick={onHideAll} className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-700/60">
          None
        </button>
        {visibleCount === 0 && totalCount > 0 && (
          <span className="text-amber-300">Pick a provider to show its regions</span>
        )}
      </div>
      </div>
    </section>
  );
});
