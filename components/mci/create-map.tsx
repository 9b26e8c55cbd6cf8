"use client";

import "leaflet/dist/leaflet.css";
import { latLng, type LatLngBounds, type LatLngBoundsExpression } from "leaflet";
import { useEffect, useLayoutEffect, useMemo } from "react";
import { MapContainer, useMap, useMapEvents, ZoomControl } from "react-leaflet";
import { BasemapLayer } from "@/components/map/basemap-layer";
import { nearestCopy } from "@/components/map/geo";
import type { MapView } from "@/components/map/map-url";
import { RegionLayer } from "@/components/map/region-layer";
import type { MapRegion } from "@/components/map/use-catalogue";
import { SizeWatcher } from "@/components/map/world-map";
import { providerColour } from "@/lib/core/palette";
import { BoxSelect } from "./box-select";
import { StatusMarkerLayer, type MarkerItem } from "./status-marker-layer";

const MAX_BOUNDS: LatLngBoundsExpression = [
  [-72, -720],
  [84, 720],
];
const HOME_CENTER: [number, number] = [20, 10];

export type FlyTarget = { lat: number; lon: number };

type Props = {
  regions: readonly MapRegion[];
  hidden: ReadonlySet<string>;
  visibleCount: number;
  selected: readonly MapRegion[];
  /** VMs planned per selected region, shown on its marker. */
  counts: ReadonlyMap<string, number>;
  initialView: MapView | null;
  flyTo: FlyTarget | null;
  /** Pixels the side panel covers on the right. */
  panelPx: number;
  onToggle: (key: string) => void;
  onBox: (bounds: LatLngBounds) => void;
  onArmedChange: (armed: boolean) => void;
  onViewChange: (view: MapView) => void;
};

/** Opens on the URL's view, else the whole world one copy wide, before the first paint. */
function InitialView({ view }: { view: MapView | null }) {
  const map = useMap();
  useLayoutEffect(() => {
    if (view) map.setView([view.lat, view.lon], view.zoom, { animate: false });
    else map.setView(HOME_CENTER, Math.log2(map.getSize().x / 256), { animate: false });
  }, [map, view]);
  return null;
}

function ViewReporter({ onViewChange }: { onViewChange: (view: MapView) => void }) {
  const map = useMapEvents({
    moveend() {
      const c = map.getCenter().wrap();
      onViewChange({ lat: c.lat, lon: c.lng, zoom: map.getZoom() });
    },
  });
  return null;
}

/** Brings a region picked from a list into the part of the map the panel leaves free. */
function Fly({ target, panelPx }: { target: FlyTarget | null; panelPx: number }) {
  const map = useMap();
  useEffect(() => {
    if (!target) return;
    const point = latLng(target.lat, nearestCopy(target.lon, map.getCenter().lng));
    const size = map.getSize();
    const p = map.latLngToContainerPoint(point);
    const margin = 60;
    if (p.x > margin && p.y > margin && p.x < size.x - panelPx - margin && p.y < size.y - margin) return;
    const zoom = Math.max(map.getZoom(), 3);
    const center = map.unproject(map.project(point, zoom).add([panelPx / 2, 0]), zoom);
    map.flyTo(center, zoom, { duration: 0.8 });
  }, [map, target, panelPx]);
  return null;
}

/**
 * The create page's map: every region as a dot (click to add or remove it, Shift+drag to add every
 * region in a box), the chosen ones ringed in white with their planned VM count.
 */
export function CreateMap(props: Props) {
  const { regions, hidden, visibleCount, selected, counts, initialView, flyTo, panelPx, onToggle, onBox, onArmedChange, onViewChange } = props;
  const items = useMemo<MarkerItem[]>(
    () =>
      selected.map((r) => {
        const count = counts.get(r.key) ?? 0;
        return {
          key: r.key,
          latitude: r.latitude,
          longitude: r.longitude,
          segments: [{ colour: providerColour(r.provider), count: 1 }],
          // "1" on every ring is noise; a count shows where the user asked for more.
          label: count > 1 ? String(count) : "",
          radius: count > 1 ? 12 : 9,
          offset: [0, 0],
          highlight: true,
          tooltip: r.name,
        };
      }),
    [selected, counts],
  );

  return (
    <div data-testid="create-map" data-region-count={visibleCount} data-selected-count={selected.length} className="panel-map absolute inset-0">
      <MapContainer
        center={HOME_CENTER}
        zoom={2}
        className="h-full w-full"
        style={{ background: "#0b1320" }}
        preferCanvas
        worldCopyJump
        boxZoom={false}
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
        <RegionLayer regions={regions} hidden={hidden} onSelect={onToggle} />
        <StatusMarkerLayer items={items} pane="mci-selection" zIndex={450} />
        <BoxSelect onBox={onBox} onArmedChange={onArmedChange} />
        <ZoomControl position="bottomright" />
        <InitialView view={initialView} />
        <ViewReporter onViewChange={onViewChange} />
        <Fly target={flyTo} panelPx={panelPx} />
        <SizeWatcher />
      </MapContainer>
    </div>
  );
}
