"use client";

import type { LeafletEventHandlerFnMap, PathOptions } from "leaflet";
import { Fragment, memo, useMemo } from "react";
import { CircleMarker, Pane, Tooltip } from "react-leaflet";
import { providerColour } from "@/lib/core/palette";
import { WORLD_COPIES, type LatLon } from "./geo";
import type { MapRegion } from "./use-catalogue";

const RADIUS = 6.5;
const HOVER_RADIUS = 9.5;

// One style object per provider: react-leaflet re-styles a marker only when the object changes.
const styleCache = new Map<string, PathOptions>();
function markerStyle(provider: string): PathOptions {
  let style = styleCache.get(provider);
  if (!style) {
    style = { color: "#0b1320", weight: 1.5, fillColor: providerColour(provider), fillOpacity: 0.95 };
    styleCache.set(provider, style);
  }
  return style;
}

const SELECTED_STYLE: PathOptions = { color: "#ffffff", weight: 3, fill: false, opacity: 1 };

type Item = { id: string; region: MapRegion; center: LatLon; handlers: LeafletEventHandlerFnMap };

type Props = {
  regions: readonly MapRegion[];
  hidden: ReadonlySet<string>;
  onSelect: (key: string) => void;
};

/**
 * Every region as a canvas circle, in each world copy. Items are built once per catalogue, so
 * toggling a provider only adds or removes its markers instead of touching all of them.
 */
export const RegionLayer = memo(function RegionLayer({ regions, hidden, onSelect }: Props) {
  const items = useMemo<Item[]>(
    () =>
      WORLD_COPIES.flatMap((offset) =>
        regions.map((region) => ({
          id: `${region.key}@${offset}`,
          region,
          center: [region.latitude, region.longitude + offset] as LatLon,
          handlers: {
            click: () => onSelect(region.key),
            mouseover: (e) => e.target.setRadius(HOVER_RADIUS),
            mouseout: (e) => e.target.setRadius(RADIUS),
          },
        })),
      ),
    [regions, onSelect],
  );

  return (
    <Pane name="regions" style={{ zIndex: 440 }}>
      {items
        .filter((item) => !hidden.has(item.region.provider))
        .map((item) => (
          <CircleMarker
            key={item.id}
            center={item.center}
            radius={RADIUS}
            pathOptions={markerStyle(item.region.provider)}
            eventHandlers={item.handlers}
          >
            <Tooltip className="region-tooltip" direction="top" offset={[0, -8]}>
              <strong>{item.region.name}</strong>
              <br />
              <span style={{ color: "#94a3b8" }}>{item.region.key}</span>
            </Tooltip>
          </CircleMarker>
        ))}
    </Pane>
  );
});

/**
 * The selected region drawn again above all markers (several clouds share a city, so its own
 * dot may be under another's), with a white ring. Its pane ignores the pointer so clicks still
 * reach the markers' canvas below.
 */
export const SelectedMarker = memo(function SelectedMarker({ region }: { region: MapRegion | null }) {
  return (
    <Pane name="selection" style={{ zIndex: 450, pointerEvents: "none" }}>
      {region &&
        WORLD_COPIES.map((offset) => (
          <Fragment key={`${region.key}@${offset}`}>
            <CircleMarker
              center={[region.latitude, region.longitude + offset]}
              radius={13}
              pathOptions={SELECTED_STYLE}
              interactive={false}
            />
            <CircleMarker
              center={[region.latitude, region.longitude + offset]}
              radius={HOVER_RADIUS}
              pathOptions={markerStyle(region.provider)}
              interactive={false}
            />
          </Fragment>
        ))}
    </Pane>
  );
});
