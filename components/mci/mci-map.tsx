"use client";

import "leaflet/dist/leaflet.css";
import type { LatLngBoundsExpression } from "leaflet";
import { useMemo, type ReactNode } from "react";
import { MapContainer, ZoomControl } from "react-leaflet";
import { BasemapLayer } from "@/components/map/basemap-layer";
import { formatPrice } from "@/components/map/format";
import { regionHeat } from "@/components/monitoring/heat";
import { formatMetric } from "@/components/monitoring/metric-meta";
import { heatColour } from "@/lib/core/palette";
import { SizeWatcher } from "@/components/map/world-map";
import { ExtentLayer } from "./extent-layer";
import { FitPlaces, type MapPadding } from "./fit-places";
import { progressText, statusSegments } from "./status-display";
import type { RegionGroup } from "./region-groups";
import { radiusForCount } from "./status-marker";
import { StatusMarkerLayer, type MarkerItem } from "./status-marker-layer";

const MAX_BOUNDS: LatLngBoundsExpression = [
  [-72, -720],
  [84, 720],
];

type Props = {
  /** The MCI's VMs, one group per region. */
  groups: readonly RegionGroup[];
  names: ReadonlyMap<string, string>;
  costs: ReadonlyMap<string, number>;
  selectedRegion: string | null;
  onSelectRegion: (key: string) => void;
  /** The MCI id: the map frames the MCI once per id. */
  fitToken: string;
  padding: MapPadding;
  /** Colour the regions by a utilisation metric instead of by status: each VM's latest value. */
  heat: Heat | null;
  /** Per region, its VMs' app states in words (a tooltip line per app). */
  apps?: ReadonlyMap<string, string>;
  /** More layers or controls inside the map (presentation mode frames its scenes from here). */
  children?: ReactNode;
};

export type Heat = { metric: string; label: string; noun: string; values: ReadonlyMap<string, number> };

/** The MCI page's map: a status ring per region with its VM count, and the links that span the MCI. */
export function MciMap({ groups, names, costs, selectedRegion, onSelectRegion, fitToken, padding, heat, apps, children }: Props) {
  const items = useMemo<MarkerItem[]>(() => {
    return groups.map((g) => {
      const cost = costs.get(g.key) ?? 0;
      if (heat) {
        const h = regionHeat(g.vmIds, heat.values);
        return {
          key: g.key,
          latitude: g.latitude,
          longitude: g.longitude,
          segments: h.segments,
          label: h.average === null ? "–" : String(Math.round(h.average)),
          radius: Math.max(16, radiusForCount(g.count.total)),
          offset: [0, 0],
          highlight: g.key === selectedRegion,
          disc: h.average === null ? undefined : heatColour(h.average),
          tooltip: `${names.get(g.key) ?? g.key}\n${g.key}\n${
            h.average === null || h.max === null
              ? `no VM reports ${heat.label} now`
              : `${heat.label}: average ${formatMetric("%", h.average)}, highest ${formatMetric("%", h.max)}`
          }\n${h.reporting} of ${g.count.total} VMs reporting${apps?.has(g.key) ? `\n${apps.get(g.key)}` : ""}`,
        };
      }
      return {
        key: g.key,
        latitude: g.latitude,
        longitude: g.longitude,
        segments: statusSegments(g.count).map((s) => ({ colour: s.colour, count: s.count, opacity: s.opacity })),
        label: String(g.count.total),
        radius: radiusForCount(g.count.total),
        offset: [0, 0],
        highlight: g.key === selectedRegion,
        tooltip: `${names.get(g.key) ?? g.key}\n${g.key}\n${progressText(g.count)}${cost > 0 ? `\n${formatPrice(cost)} now` : ""}${apps?.has(g.key) ? `\n${apps.get(g.key)}` : ""}`,
      };
    });
  }, [groups, names, costs, selectedRegion, heat, apps]);
  const heatRegions = heat ? groups.filter((g) => g.vmIds.some((id) => heat.values.has(id))).length : 0;

  return (
    <div data-testid="mci-map" data-region-count={groups.length} data-colour-by={heat?.metric ?? "status"} data-heat-regions={heatRegions} data-app-regions={apps?.size ?? 0} className="panel-map absolute inset-0">
      <MapContainer
        center={[20, 0]}
        zoom={2}
        className="h-full w-full"
        style={{ background: "#0b1320" }}
        preferCanvas
        worldCopyJump
        // A world-wide MCI fits beside the panel only a little below zoom 2.
        minZoom={1.5}
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
        <ExtentLayer places={groups} />
        <StatusMarkerLayer items={items} pane="mci-vms" zIndex={450} onClick={onSelectRegion} declutter />
        <ZoomControl position="bottomright" />
        <FitPlaces places={groups} token={fitToken} padding={padding} />
        <SizeWatcher />
        {children}
      </MapContainer>
    </div>
  );
}
