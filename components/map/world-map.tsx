"use client";

import "leaflet/dist/leaflet.css";
import { latLng, latLngBounds, type LatLngBoundsExpression } from "leaflet";
import { useEffect, useLayoutEffect, type ReactNode } from "react";
import { MapContainer, useMap, useMapEvents, ZoomControl } from "react-leaflet";
import { BasemapLayer } from "./basemap-layer";
import { nearestCopy } from "./geo";
import { LatencyLayer, type LatencyLine } from "./latency-layer";
import type { MapView } from "./map-url";
import { RegionLayer, SelectedMarker } from "./region-layer";
import type { MapRegion } from "./use-catalogue";

/**
 * Where the map should go next: `fly` animates and zooms in, `reveal` only pans if the panel hides
 * the target, `jump` is instant, `fit` shows the target and every point of `extent` (lat/lon pairs).
 * Each request is a new object, so asking twice for the same place still moves the map.
 */
export type FlyRequest = {
  lat: number;
  lon: number;
  mode: "fly" | "reveal" | "jump" | "fit";
  extent?: readonly [number, number][];
};

// With the whole width showing one world, the legend's corner falls on the empty South Pacific.
const HOME_CENTER: [number, number] = [16, 0];
// Latitude is bounded so nobody pans into the empty poles; longitude is free (the world repeats).
const MAX_BOUNDS: LatLngBoundsExpression = [
  [-72, -720],
  [84, 720],
];
const PANEL_PX = 480;
const FLY_ZOOM = 4;

type Props = {
  /** The whole catalogue; `hidden` says which providers to leave out. */
  regions: readonly MapRegion[];
  hidden: ReadonlySet<string>;
  visibleCount: number;
  selected: MapRegion | null;
  lines: readonly LatencyLine[];
  initialView: MapView | null;
  flyRequest: FlyRequest | null;
  onSelect: (key: string) => void;
  onViewChange: (view: MapView) => void;
  /** More layers or controls inside the map (the fleet; presentation mode frames its scenes from here). */
  children?: ReactNode;
};

function ViewController({ request, onViewChange }: { request: FlyRequest | null; onViewChange: (view: MapView) => void }) {
  const map = useMapEvents({
    moveend() {
      const c = map.getCenter().wrap();
      onViewChange({ lat: c.lat, lon: c.lng, zoom: map.getZoom() });
    },
  });

  useEffect(() => {
    if (!request) return;
    const size = map.getSize();
    // The panel covers the right of the map on wide screens: aim at the middle of what stays visible.
    const panelPx = size.x >= 2 * PANEL_PX ? PANEL_PX : 0;
    const target = latLng(request.lat, nearestCopy(request.lon, map.getCenter().lng));
    if (request.mode === "fit") {
      // Unwrapped around the target, so lines across the Pacific fit as one span, not the whole world.
      const points = [target, ...(request.extent ?? []).map(([lat, lon]) => latLng(lat, nearestCopy(lon, target.lng)))];
      map.flyToBounds(latLngBounds(points), {
        paddingTopLeft: [80, 80],
        paddingBottomRight: [panelPx + 60, 150],
        maxZoom: 5,
        duration: 0.8,
      });
      return;
    }
    if (request.mode === "reveal") {
      const p = map.latLngToContainerPoint(target);
      const margin = 48;
      const hidden = p.x < margin || p.y < margin || p.x > size.x - panelPx - margin || p.y > size.y - margin;
      if (!hidden) return;
    }
    const zoom = request.mode === "fly" ? Math.max(map.getZoom(), FLY_ZOOM) : map.getZoom();
    const center = map.unproject(map.project(target, zoom).add([panelPx / 2, 0]), zoom);
    if (request.mode === "jump") map.setView(center, zoom, { animate: false });
    else map.flyTo(center, zoom, { duration: request.mode === "fly" ? 1.1 : 0.6 });
  }, [map, request]);

  return null;
}

/** Opens on the whole world, exactly one copy wide, whatever the screen; before the first paint so nothing jumps. */
function HomeView({ enabled }: { enabled: boolean }) {
  const map = useMap();
  useLayoutEffect(() => {
    if (!enabled) return;
    map.setView(HOME_CENTER, Math.log2(map.getSize().x / 256), { animate: false });
  }, [map, enabled]);
  return null;
}

/** Leaflet's container keeps its size from the first layout; tell it when the window resizes. */
export function SizeWatcher() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

/** The Leaflet part of the home page; loaded with `ssr: false` because Leaflet needs `window`. */
export function WorldMap({ regions, hidden, visibleCount, selected, lines, initialView, flyRequest, onSelect, onViewChange, children }: Props) {
  const view = initialView
    ? { center: [initialView.lat, initialView.lon] as [number, number], zoom: initialView.zoom }
    : { center: HOME_CENTER, zoom: 2 };
  return (
    <div
      data-testid="world-map"
      data-region-count={visibleCount}
      data-latency-lines={lines.length}
      className="world-map absolute inset-0"
    >
      <MapContainer
        {...view}
        className="h-full w-full"
        style={{ background: "#0b1320" }}
        preferCanvas
        worldCopyJump
        minZoom={2}
        maxZoom={10}
        zoomSnap={0.25}
        zoomDelta={0.5}
        wheelPxPerZoomLevel={90}
        maxBounds={MAX_BOUNDS}
        maxBoundsViscosity={1}
        zoomControl={false}
        attributionControl
      >
        <BasemapLayer />
        <LatencyLayer from={selected} lines={lines} />
        <RegionLayer regions={regions} hidden={hidden} onSelect={onSelect} />
        <SelectedMarker region={selected} />
        {children}
        <ZoomControl position="topleft" />
        <HomeView enabled={!initialView} />
        <ViewController request={flyRequest} onViewChange={onViewChange} />
        <SizeWatcher />
        {children}
      </MapContainer>
    </div>
  );
}
