"use client";

import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import { LatLng, type PathOptions } from "leaflet";
import { memo, useEffect, useState } from "react";
import { GeoJSON, Pane, TileLayer, useMap, useMapEvent } from "react-leaflet";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries110m from "world-atlas/countries-110m.json";
import { WORLD_COPIES } from "./geo";

const LAND_STYLE: PathOptions = {
  fillColor: "#1c2a3d",
  fillOpacity: 1,
  color: "#3a4d66",
  weight: 0.6,
  opacity: 1,
};

const ATTRIBUTION = 'Basemap: <a href="https://www.naturalearthdata.com/" target="_blank" rel="noreferrer">Natural Earth</a>';
// Beyond this zoom the 1:110m coastlines look crude, so the 1:50m file is fetched on first need.
const DETAIL_ZOOM = 4;

const ANTARCTICA = "010";

/**
 * Natural Earth cuts Russia and Fiji at ±180°, so a ring can step from -180 to 180 and Leaflet
 * would draw a band across the whole map. Unwrapping keeps each step under 180°; the ring then
 * runs past 180°, which the neighbouring world copy shows in the right place.
 */
function unwrapRing(ring: Position[]): Position[] {
  let prev: number | null = null;
  return ring.map((point) => {
    let lon = point[0];
    if (prev !== null) {
      while (lon - prev > 180) lon -= 360;
      while (lon - prev < -180) lon += 360;
    }
    prev = lon;
    return lon === point[0] ? point : [lon, point[1]];
  });
}

function unwrapGeometry(geometry: Geometry): Geometry {
  if (geometry.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  if (geometry.type === "MultiPolygon") return { ...geometry, coordinates: geometry.coordinates.map((p) => p.map(unwrapRing)) };
  return geometry;
}

function toCountries(topology: unknown): FeatureCollection {
  const topo = topology as Topology<{ countries: GeometryCollection }>;
  const collection = feature(topo, topo.objects.countries) as FeatureCollection;
  // No cloud region is there and the map stops at 72°S, so Antarctica would only cost drawing time.
  const features = collection.features
    .filter((f) => f.id !== ANTARCTICA && f.geometry)
    .map((f): Feature => ({ ...f, geometry: unwrapGeometry(f.geometry) }));
  return { type: "FeatureCollection", features };
}

const COARSE = toCountries(countries110m);

function shiftedCoords(offset: number) {
  return (coords: [number, number] | [number, number, number]) => new LatLng(coords[1], coords[0] + offset);
}
const COORDS_BY_OFFSET = new Map(WORLD_COPIES.map((offset) => [offset, shiftedCoords(offset)]));

const tileUrl = process.env.NEXT_PUBLIC_BARISTA_TILE_URL;
const tileAttribution = process.env.NEXT_PUBLIC_BARISTA_TILE_ATTRIBUTION;

/** Natural Earth countries from `world-atlas`, drawn offline; online users may set a tile URL instead. */
export const BasemapLayer = memo(function BasemapLayer() {
  const map = useMap();
  const [detail, setDetail] = useState<FeatureCollection | null>(null);
  const [wantDetail, setWantDetail] = useState(() => map.getZoom() >= DETAIL_ZOOM);

  useMapEvent("zoomend", () => {
    if (map.getZoom() >= DETAIL_ZOOM) setWantDetail(true);
  });

  useEffect(() => {
    if (!wantDetail || detail || tileUrl) return;
    let cancelled = false;
    import("world-atlas/countries-50m.json")
      .then((mod) => {
        if (!cancelled) setDetail(toCountries(mod.default));
      })
      // The coarse map is still there, so a failed upgrade is worth a log line, not an error screen.
      .catch((err: unknown) => console.warn("[barista] detailed basemap unavailable", err));
    return () => {
      cancelled = true;
    };
  }, [wantDetail, detail]);

  if (tileUrl) {
    return <TileLayer url={tileUrl} attribution={tileAttribution ?? ""} />;
  }

  const data = detail ?? COARSE;
  const resolution = detail ? "50m" : "110m";
  return (
    <Pane name="basemap" style={{ zIndex: 250 }}>
      {WORLD_COPIES.map((offset) => (
        <GeoJSON
          key={`${resolution}@${offset}`}
          data={data}
          style={LAND_STYLE}
          interactive={false}
          coordsToLatLng={COORDS_BY_OFFSET.get(offset)}
          attribution={offset === 0 ? ATTRIBUTION : undefined}
        />
      ))}
    </Pane>
  );
});
