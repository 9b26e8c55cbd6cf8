"use client";

import { latencyColour, providerColour } from "@/lib/core/palette";
import { formatMs } from "./format";
import type { MapRegion, RegionRtt } from "./use-catalogue";

type Props = {
  rows: readonly RegionRtt[] | undefined;
  isPending: boolean;
  error: Error | null;
  onRetry: () => void;
  byKey: ReadonlyMap<string, MapRegion>;
  onPick: (key: string) => void;
};

function SourceBadge({ source }: { source: RegionRtt["source"] }) {
  return source === "measured" ? (
    <span
      title="Measured between cloud regions (CB-Tumblebug, Nov 2022)"
      className="rounded-full border border-emerald-400/50 bg-emerald-400/15 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-emerald-300 ring-1 ring-emerald-400/40"
    >
      measured
    </span>
  ) : (
    <span
      title="Estimated from great-circle distance with a model fitted to the measurements"
      className="rounded-full border border-dashed border-slate-400/70 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-slate-300"
    >
      estimated
    </span>
  );
}

/** Round-trip times to every other region, nearest first; a click moves the selection there. */
export function RegionLatency({ rows, isPending, error, onRetry, byKey, onPick }: Props) {
  if (isPending) return <p className="py-6 text-slate-300">Loading round-trip times…</p>;
  if (error)
    return (
      <div className="py-4 text-slate-200">
        <p>Could not load round-trip times: {error.message}</p>
        <button type="button" onClick={onRetry} className="mt-2 rounded-md bg-slate-700 px-3 py-1.5 hover:bg-slate-600">
          Retry
        </button>
      </div>
    );
  if (!rows || rows.length === 0) return <p className="py-6 text-slate-300">No other region to compare with.</p>;

  const measured = rows.filter((r) => r.source === "measured").length;
  return (
    <div>
      <p className="mb-2 text-sm text-slate-400">
        {measured} of {rows.length} measured, the rest estimated from distance. Nearest first.
      </p>
      <ol data-testid="latency-list" className="divide-y divide-panel-edge/60">
        {rows.map((row) => {
          const region = byKey.get(row.key);
          return (
            <li key={row.key}>
              <button
                type="button"
                onClick={() => onPick(row.key)}
                title={`Select ${region?.name ?? row.key}`}
                className="flex w-full items-center gap-3 rounded-md px-1 py-1.5 text-left hover:bg-slate-700/40"
              >
                <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: providerColour(region?.provider ?? "") }} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-slate-100">{region?.name ?? row.key}</span>
                  <span className="block truncate font-mono text-xs text-slate-400">{row.key}</span>
                </span>
                <span className="flex shrink-0 items-center gap-2">
                  <span className="tabular-nums font-semibold" style={{ color: latencyColour(row.rttMs) }}>
                    {formatMs(row.rttMs)}
                  </span>
                  <SourceBadge source={row.source} />
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
