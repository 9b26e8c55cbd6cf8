"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import { providerColour } from "@/lib/core/palette";
import { formatCoordinates } from "./geo";
import { LINE_COUNTS, type LineCount } from "./map-url";
import { RegionLatency } from "./region-latency";
import { RegionSpecs } from "./region-specs";
import { useRegionLatency, type MapRegion, type ProviderSummary } from "./use-catalogue";

type Props = {
  open: boolean;
  region: MapRegion | null;
  /** A key from the URL that is not in the catalogue. */
  missingKey: string | null;
  providers: ReadonlyMap<string, ProviderSummary>;
  byKey: ReadonlyMap<string, MapRegion>;
  lineCount: LineCount | null;
  onLineCountChange: (count: LineCount | null) => void;
  onPick: (key: string) => void;
  onClose: () => void;
};

type Tab = "specs" | "latency";

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`min-w-0 ${wide ? "col-span-2" : ""}`}>
      <dt className="text-sm text-slate-400">{label}</dt>
      <dd className={wide ? "text-slate-100" : "truncate text-slate-100"}>{children}</dd>
    </div>
  );
}

/** The selected region's facts, specs and round-trip times; slides over the map, never pushes it. */
export function RegionPanel(props: Props) {
  const { open, region, missingKey, providers, byKey, lineCount, onLineCountChange, onPick, onClose } = props;
  const [tab, setTab] = useState<Tab>("specs");
  // Keep showing the last region while the panel slides out, instead of an empty box.
  const [shown, setShown] = useState<MapRegion | null>(region);
  if (region && region !== shown) setShown(region);
  // Your own servers (ssh) stand outside the catalogue: no spec list, no measured latency.
  const ownServers = shown?.provider === "ssh";
  const latency = useRegionLatency(ownServers ? null : (shown?.key ?? null));
  const canAddConnection = useCan(useEndpoints().connections.createConnection.access);

  return (
    <aside
      data-testid="region-panel"
      aria-label={shown ? `Region ${shown.name}` : "Region"}
      aria-hidden={!open}
      inert={!open}
      className={`absolute bottom-0 right-0 top-0 z-[1002] flex w-full flex-col border-l border-panel-edge bg-panel shadow-[-12px_0_32px_rgb(0_0_0/0.45)] transition-[translate,visibility] duration-200 ease-out sm:w-[30rem] ${
        open ? "visible translate-x-0" : "invisible translate-x-full"
      }`}
    >
      {missingKey && !region ? (
        <div className="p-5">
          <div className="flex items-start justify-between gap-3">
            <h2 className="text-xl font-semibold text-white">Region not found</h2>
            <CloseButton onClose={onClose} />
          </div>
          <p className="mt-3 text-slate-300">
            <span className="font-mono">{missingKey}</span> is not in the catalogue. Search for a region by city or key, or
            click a marker on the map.
          </p>
        </div>
      ) : shown ? (
        <>
          <header className="border-b border-panel-edge px-5 pb-3 pt-4">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="flex items-center gap-2 text-sm font-medium text-slate-300">
                  <span aria-hidden className="h-3 w-3 rounded-full" style={{ backgroundColor: providerColour(shown.provider) }} />
                  {providers.get(shown.provider)?.name ?? shown.provider}
                </p>
                <h2 className="mt-0.5 truncate text-2xl font-semibold text-white" title={shown.name}>
                  {shown.name}
                </h2>
                <p className="truncate font-mono text-sm text-slate-400">{shown.key}</p>
              </div>
              <CloseButton onClose={onClose} />
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2">
              <Fact label="Region code">
                <span className="font-mono">{shown.region}</span>
              </Fact>
              <Fact label="Coordinates">{formatCoordinates(shown.latitude, shown.longitude)}</Fact>
              <Fact label="Connections">
                {shown.connections.length ? (
                  <span title={shown.connections.join(", ")}>{shown.connections.join(", ")}</span>
                ) : !canAddConnection ? (
                  "none yet"
                ) : (
                  <Link href="/connections" className="text-sky-300 underline-offset-2 hover:underline">
                    none yet: add one
                  </Link>
                )}
              </Fact>
              <Fact label={`Zones (${shown.zones.length})`} wide>
                {shown.zones.length ? (
                  <span className="flex flex-wrap gap-1.5 pt-0.5">
                    {shown.zones.map((z) => (
                      <span key={z} className="rounded bg-slate-700/60 px-1.5 font-mono text-sm text-slate-200">
                        {z}
                      </span>
                    ))}
                  </span>
                ) : (
                  "none listed"
                )}
              </Fact>
            </dl>
            <div className="mt-3 flex items-center gap-3 rounded-lg bg-sea/70 px-3 py-2">
              <label className="flex flex-1 cursor-pointer items-center gap-2.5 text-[0.95rem] text-slate-100">
                <input
                  type="checkbox"
                  checked={lineCount !== null}
                  onChange={(e) => onLineCountChange(e.target.checked ? 10 : null)}
                  className="h-4.5 w-4.5 accent-sky-400"
                />
                Draw latency lines
              </label>
              <div role="group" aria-label="How many lines" className="flex overflow-hidden rounded-md border border-panel-edge text-sm">
                {LINE_COUNTS.map((c) => (
                  <button
                    key={String(c)}
                    type="button"
                    aria-pressed={lineCount === c}
                    onClick={() => onLineCountChange(c)}
                    className={`px-2.5 py-1 ${lineCount === c ? "bg-sky-500/30 text-white" : "text-slate-300 hover:bg-slate-700/60"}`}
                  >
                    {c === "all" ? "all" : `${c} nearest`}
                  </button>
                ))}
              </div>
            </div>
          </header>
          <div role="tablist" aria-label="Region details" className="flex gap-1 border-b border-panel-edge px-5">
            {(["specs", "latency"] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                onClick={() => setTab(t)}
                className={`-mb-px border-b-2 px-3 py-2 text-[0.95rem] font-medium ${
                  tab === t ? "border-sky-400 text-white" : "border-transparent text-slate-400 hover:text-slate-200"
                }`}
              >
                {t === "specs" ? "Specs" : `Latency${latency.data ? ` (${latency.data.length})` : ""}`}
              </button>
            ))}
          </div>
          <div role="tabpanel" className="min-h-0 flex-1 overflow-y-auto px-5 py-3">
            {ownServers ? (
              <p data-testid="own-servers-note" className="text-slate-300">
                Your own servers, registered as {shown.connections.join(", ")}: their hosts, and which are free, are on the Connections page. An MCI takes a count of them as they are.
              </p>
            ) : tab === "specs" ? (
              <RegionSpecs key={shown.key} regionKey={shown.key} />
            ) : (
              <RegionLatency
                rows={latency.data}
                isPending={latency.isPending}
                error={latency.error}
                onRetry={() => latency.refetch()}
                byKey={byKey}
                onPick={onPick}
              />
            )}
          </div>
        </>
      ) : null}
    </aside>
  );
}

function CloseButton({ onClose }: { onClose: () => void }) {
  return (
    <button
      type="button"
      onClick={onClose}
      aria-label="Close the region panel (Esc)"
      title="Close (Esc)"
      className="shrink-0 rounded-md px-2 py-1 text-2xl leading-none text-slate-400 hover:bg-slate-700/60 hover:text-white"
    >
      ×
    </button>
  );
}
