"use client";

import { useMapKeys, useViewInUrl } from "./use-map-keys";
import dynamic from "next/dynamic";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { LatencyLine } from "./latency-layer";
import { LatencyScale } from "./latency-scale";
import { MapPlaceholder, MapStatus } from "./map-status";
import { formatAt, parseAt, parseHidden, parseLines, withQuery, type LineCount, type MapView } from "./map-url";
import { ProviderLegend } from "./provider-legend";
import { RegionPanel } from "./region-panel";
import { RegionSearch } from "./region-search";
import { useFleetLayer } from "./use-fleet-layer";
import { useProviders, useRegionLatency, useRegions, type MapRegion, type ProviderSummary } from "./use-catalogue";
import type { FlyRequest } from "./world-map";
import { MapPresentation, useMapPresentation } from "@/components/present/map-presentation";
import { PresentFrame } from "@/components/present/present-frame";

// Leaflet touches `window` when imported, so the map only ever loads in the browser.
const WorldMap = dynamic(() => import("./world-map").then((m) => m.WorldMap), { ssr: false, loading: MapPlaceholder });

const NO_REGIONS: MapRegion[] = [];

function providersFromRegions(regions: readonly MapRegion[]): ProviderSummary[] {
  const counts = new Map<string, number>();
  for (const r of regions) counts.set(r.provider, (counts.get(r.provider) ?? 0) + 1);
  return [...counts].map(([id, regionCount]) => ({ id, name: id, regionCount })).sort((a, b) => a.id.localeCompare(b.id));
}

/** The home page: the world map with every region, its legend, search and region panel. */
export function MapPage() {
  const router = useRouter();
  const searchParams = useSearchParams();
  // The URL seeds the view once; after that the page owns it and writes it back.
  const [initialView] = useState(() => parseAt(searchParams.get("at")));
  const [selectedKey, setSelectedKey] = useState<string | null>(() => searchParams.get("region"));
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => parseHidden(searchParams.get("hide")));
  const [lineCount, setLineCount] = useState<LineCount | null>(() => parseLines(searchParams.get("lines")));
  const [flyRequest, setFlyRequest] = useState<FlyRequest | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const regionsQuery = useRegions();
  const providersQuery = useProviders();
  const allRegions = regionsQuery.data ?? NO_REGIONS;
  const byKey = useMemo(() => new Map(allRegions.map((r) => [r.key, r])), [allRegions]);
  const providers = useMemo(() => providersQuery.data ?? providersFromRegions(allRegions), [providersQuery.data, allRegions]);
  const providersById = useMemo(() => new Map(providers.map((p) => [p.id, p])), [providers]);
  const visible = useMemo(() => allRegions.filter((r) => !hidden.has(r.provider)), [allRegions, hidden]);
  const selected = selectedKey ? (byKey.get(selectedKey) ?? null) : null;
  const latency = useRegionLatency(selected?.key ?? null);

  const lines = useMemo<LatencyLine[]>(() => {
    if (!selected || lineCount === null || !latency.data) return [];
    // Lines go to the nearest *shown* regions, so filtering to one provider answers "which of its regions is closest".
    const shown = latency.data.filter((row) => {
      const to = byKey.get(row.key);
      return to && !hidden.has(to.provider);
    });
    const rows = lineCount === "all" ? shown : shown.slice(0, lineCount);
    return rows.map((row) => ({ to: byKey.get(row.key) as MapRegion, rttMs: row.rttMs, source: row.source }));
  }, [selected, lineCount, latency.data, byKey, hidden]);

  // After the user changes the lines, frame them once their latencies are in (not on every selection).
  const [fitLinesPending, setFitLinesPending] = useState(false);
  if (fitLinesPending && selected && lines.length > 0) {
    setFitLinesPending(false);
    setFlyRequest({
      lat: selected.latitude,
      lon: selected.longitude,
      mode: "fit",
      extent: lines.map((l) => [l.to.latitude, l.to.longitude]),
    });
  }
  const changeLineCount = useCallback((count: LineCount | null) => {
    setLineCount(count);
    setFitLinesPending(count !== null);
  }, []);

  const replaceQuery = useCallback(
    (updates: Record<string, string | null>) => {
      const next = withQuery(updates);
      // Skip no-op navigations (the first render, React's strict double effects).
      if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) router.replace(next, { scroll: false });
    },
    [router],
  );

  // A shared link with a region but no position: go to the region once the catalogue is in.
  const [linkPending, setLinkPending] = useState(() => selectedKey !== null && initialView === null);
  if (linkPending && (selected || regionsQuery.isSuccess)) {
    setLinkPending(false);
    if (selected) setFlyRequest({ lat: selected.latitude, lon: selected.longitude, mode: "jump" });
  }

  const select = useCallback(
    (key: string, mode: FlyRequest["mode"]) => {
      const region = byKey.get(key);
      if (!region) return;
      setSelectedKey(key);
      setLinkPending(false);
      // A region picked by search must be visible even if its provider was filtered out.
      setHidden((h) => {
        if (!h.has(region.provider)) return h;
        const next = new Set(h);
        next.delete(region.provider);
        return next;
      });
      setFlyRequest({ lat: region.latitude, lon: region.longitude, mode });
    },
    [byKey],
  );
  const selectFromMap = useCallback((key: string) => select(key, "reveal"), [select]);
  const selectFromSearch = useCallback((key: string) => select(key, "fly"), [select]);
  const close = useCallback(() => setSelectedKey(null), []);

  // Selection, filter and lines go to the URL after they change, so a copied link reopens this view.
  const hiddenParam = [...hidden].sort().join(",");
  const linesParam = lineCount === null ? null : String(lineCount);
  useEffect(() => {
    replaceQuery({ region: selectedKey, hide: hiddenParam || null, lines: linesParam });
  }, [selectedKey, hiddenParam, linesParam, replaceQuery]);

  const onViewChange = useViewInUrl();
  const fleet = useFleetLayer();

  useMapKeys(searchRef, close);
  const presentation = useMapPresentation(visible);

  const toggleProvider = useCallback((id: string) => {
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const showOnly = useCallback((id: string) => setHidden(new Set(providers.map((p) => p.id).filter((p) => p !== id))), [providers]);
  const showAll = useCallback(() => setHidden(new Set()), []);
  const hideAll = useCallback(() => setHidden(new Set(providers.map((p) => p.id))), [providers]);

  return (
    <div className="relative h-full w-full overflow-hidden bg-sea">
      <WorldMap
        regions={allRegions}
        hidden={hidden}
        visibleCount={visible.length}
        selected={selected}
        lines={lines}
        initialView={initialView}
        flyRequest={flyRequest}
        onSelect={selectFromMap}
        onViewChange={onViewChange}
      >
        {fleet.layer}
        {presentation.mode.on && <PresentFrame {...presentation.frame} />}
      </WorldMap>
      {/* Presentation mode hides what is for operating; kept mounted so leaving it restores the view. */}
      <div hidden={presentation.mode.on} className="contents">
      <RegionSearch regions={allRegions} inputRef={searchRef} onPick={selectFromSearch} disabled={!regionsQuery.data} />
      {providers.length > 0 && (
        <ProviderLegend
          providers={providers}
          hidden={hidden}
          visibleCount={visible.length}
          totalCount={allRegions.length}
          onToggle={toggleProvider}
          onShowOnly={showOnly}
          onShowAll={showAll}
          onHideAll={hideAll}
        />
      )}
      {fleet.overlay}
      <MapStatus
        isPending={regionsQuery.isPending}
        error={regionsQuery.error}
        empty={regionsQuery.isSuccess && allRegions.length === 0}
        onRetry={() => regionsQuery.refetch()}
      />
      {selected && lines.length > 0 && <LatencyScale count={lines.length} from={selected.name} />}
      <RegionPanel
        open={selectedKey !== null && (selected !== null || regionsQuery.isSuccess)}
        region={selected}
        missingKey={regionsQuery.isSuccess && selectedKey && !selected ? selectedKey : null}
        providers={providersById}
        byKey={byKey}
        lineCount={lineCount}
        onLineCountChange={changeLineCount}
        onPick={selectFromSearch}
        onClose={close}
      />
      </div>
      {presentation.mode.on && <MapPresentation state={presentation} regions={visible} />}
    </div>
  );
}
