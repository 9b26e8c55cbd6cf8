"use client";

import "leaflet/dist/leaflet.css";
import { circleMarker, latLngBounds, layerGroup, polyline, type LatLngExpression } from "leaflet";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { MapContainer, useMap, useMapEvents, ZoomControl } from "react-leaflet";
import { BasemapLayer } from "@/components/map/basemap-layer";
import { nearestCopy, WORLD_COPIES } from "@/components/map/geo";
import type { MapRegion } from "@/components/map/use-catalogue";
import { SizeWatcher } from "@/components/map/world-map";
import { StatusMarkerLayer, type MarkerItem } from "@/components/mci/status-marker-layer";
import { latencyColour, providerColour } from "@/lib/core/palette";
import { wrapLon, type AudiencePoint } from "./audience";

const HOME_CENTER: [number, number] = [25, 10];

/** One user's line to the region that serves them. */
export type ServedLine = { lat: number; lon: number; region: MapRegion; rttMs: number; estimated: boolean };

/** A request to bring these places into the part of the map the panels leave free. */
export type FitRequest = { id: number; places: readonly [number, number][] };

type Props = {
  fit: FitRequest | null;
  points: readonly AudiencePoint[];
  lines: readonly ServedLine[];
  chosen: readonly { region: MapRegion; users: number; tooltip: string }[];
  onAdd: (lat: number, lon: number) => void;
  onRemove: (id: number) => void;
  onMove: (id: number, lat: number, lon: number) => void;
  /** More layers or controls inside the map (presentation mode frames its scenes from here). */
  children?: ReactNode;
};

function ClickToAdd({ onAdd }: { onAdd: (lat: number, lon: number) => void }) {
  useMapEvents({ click: (e) => onAdd(e.latlng.lat, wrapLon(e.latlng.lng)) });
  return null;
}

function InitialView() {
  const map = useMap();
  useLayoutEffect(() => {
    // The whole inhabited world in the part the panel leaves free.
    map.fitBounds(
      [
        [-45, -130],
        [65, 155],
      ],
      { paddingTopLeft: [20, 20], paddingBottomRight: [PANEL_PX + 20, 20], animate: false },
    );
  }, [map]);
  return null;
}

// The side panel covers the right, the comparison card the bottom left.
const PANEL_PX = 36 * 16;

function FitTo({ request }: { request: FitRequest | null }) {
  const map = useMap();
  useEffect(() => {
    if (!request || request.places.length === 0) return;
    const bounds = latLngBounds(request.places.map(([lat, lon]) => [lat, lon] as [number, number]));
    map.fitBounds(bounds.pad(0.05), { paddingTopLeft: [40, 40], paddingBottomRight: [PANEL_PX + 40, 200], maxZoom: 5, animate: false });
  }, [map, request]);
  return null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Pixels a press must travel before it counts as a drag rather than a click. */
const DRAG_PX = 4;

/**
 * Every audience point as a canvas dot in each world copy; a click on one removes it, a drag moves
 * it (canvas markers cannot be dragged by Leaflet itself, so the map's own mouse events do it).
 */
const AudienceLayer = memo(function AudienceLayer({ points, onRemove, onMove }: { points: readonly AudiencePoint[]; onRemove: (id: number) => void; onMove: Props["onMove"] }) {
  const map = useMap();
  const [group] = useState(() => layerGroup());
  // A drop re-creates the markers before the browser's click arrives; the new marker must not take it as a click.
  const dropped = useRef(false);
  useEffect(() => {
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);
  useEffect(() => {
    group.clearLayers();
    const many = points.length > 200;
    const maxWeight = Math.max(1, ...points.map((p) => p.weight));
    for (const p of points) {
      const radius = many ? 3 : 5 + 5 * Math.sqrt(p.weight / maxWeight);
      const tip = `<strong>${escapeHtml(p.label || "Audience point")}</strong><br><span style="color:#cbd5e1">${p.lat.toFixed(2)}, ${p.lon.toFixed(2)} · weight ${p.weight}<br>drag to move · click to remove</span>`;
      for (const copy of WORLD_COPIES) {
        const marker = circleMarker([p.lat, p.lon + copy], {
          radius,
          color: "#0b1320",
          weight: many ? 0.5 : 1.5,
          fillColor: "#e2e8f0",
          fillOpacity: many ? 0.75 : 0.95,
          bubblingMouseEvents: false,
        });
        marker.bindTooltip(tip, { className: "region-tooltip", direction: "top", offset: [0, -6] });
        let dragged = false;
        marker.on("mousedown", (down) => {
          const start = down.containerPoint;
          dragged = false;
          map.dragging.disable();
          // On the window, not the map: the canvas hands pointer events to the marker under it, and
          // a marker's events do not reach the map.
          const follow = (e: MouseEvent) => {
            if (!dragged && map.mouseEventToContainerPoint(e).distanceTo(start) < DRAG_PX) return;
            dragged = true;
            marker.closeTooltip();
            marker.setLatLng(map.mouseEventToLatLng(e));
          };
          const drop = (e: MouseEvent) => {
            window.removeEventListener("mousemove", follow);
            window.removeEventListener("mouseup", drop);
            map.dragging.enable();
            const at = map.mouseEventToLatLng(e);
            if (!dragged) return;
            dropped.current = true;
            setTimeout(() => (dropped.current = false), 0);
            onMove(p.id, Math.max(-90, Math.min(90, at.lat)), wrapLon(at.lng - copy));
          };
          window.addEventListener("mousemove", follow);
          window.addEventListener("mouseup", drop);
        });
        marker.on("click", () => {
          if (!dragged && !dropped.current) onRemove(p.id);
        });
        group.addLayer(marker);
      }
    }
  }, [map, group, points, onRemove, onMove]);
  return null;
});

// Lines share a colour per 10 ms band, so a thousand users cost a few dozen canvas paths, not thousands.
const BAND_MS = 10;

/** User → region lines on the canvas, coloured by round-trip time; estimated ones dashed. */
const ServedLinesLayer = memo(function ServedLinesLayer({ lines }: { lines: readonly ServedLine[] }) {
  const map = useMap();
  const [group] = useState(() => layerGroup());
  useEffect(() => {
    const pane = map.getPane("served-lines") ?? map.createPane("served-lines");
    pane.style.zIndex = "380";
    pane.style.pointerEvents = "none";
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);
  useEffect(() => {
    group.clearLayers();
    const bands = new Map<string, { colour: string; estimated: boolean; paths: LatLngExpression[][] }>();
    for (const line of lines) {
      const band = Math.round(line.rttMs / BAND_MS) * BAND_MS;
      const id = `${band}:${line.estimated}`;
      let entry = bands.get(id);
      if (!entry) bands.set(id, (entry = { colour: latencyColour(band), estimated: line.estimated, paths: [] }));
      // Toward the copy of the region nearest the user, so no line crosses the whole map.
      const rLon = nearestCopy(line.region.longitude, line.lon);
      for (const copy of WORLD_COPIES) {
        entry.paths.push([
          [line.lat, line.lon + copy],
          [line.region.latitude, rLon + copy],
        ]);
      }
    }
    const thin = lines.length > 200;
    // Far bands first, so the short (good) lines are painted on top.
    for (const [, b] of [...bands].sort((x, y) => Number(y[0].split(":")[0]) - Number(x[0].split(":")[0]))) {
      group.addLayer(
        polyline(b.paths, {
          pane: "served-lines",
          color: b.colour,
          weight: thin ? 1 : 2.25,
          opacity: thin ? 0.55 : 0.85,
          dashArray: b.estimated && !thin ? "6 5" : undefined,
          interactive: false,
        }),
      );
    }
  }, [group, lines]);
  return null;
});

/** The audience, the chosen regions (ringed) and a line from every user to the region serving them. */
export function PlacementMap({ fit, points, lines, chosen, onAdd, onRemove, onMove, children }: Props) {
  const items = useMemo<MarkerItem[]>(
    () =>
      chosen.map((c) => ({
        key: c.region.key,
        latitude: c.region.latitude,
        longitude: c.region.longitude,
        segments: [{ colour: providerColour(c.region.provider), count: 1 }],
        label: "",
        radius: 13,
        offset: [0, 0],
        highlight: true,
        tooltip: c.tooltip,
      })),
    [chosen],
  );
  return (
    <div data-testid="placement-map" data-point-count={points.length} data-line-count={lines.length} data-chosen-count={chosen.length} className="panel-map absolute inset-0 cursor-crosshair">
      <MapContainer
        center={HOME_CENTER}
        zoom={2}
        className="h-full w-full"
        style={{ background: "#0b1320", cursor: "crosshair" }}
        preferCanvas
        worldCopyJump
        doubleClickZoom={false}
        minZoom={2}
        maxZoom={10}
        zoomSnap={0.25}
        zoomDelta={0.5}
        wheelPxPerZoomLevel={90}
        maxBounds={[
          [-72, -720],
          [84, 720],
        ]}
        maxBoundsViscosity={1}
        zoomControl={false}
        attributionControl
      >
        <BasemapLayer />
        <ServedLinesLayer lines={lines} />
        <AudienceLayer points={points} onRemove={onRemove} onMove={onMove} />
        <StatusMarkerLayer items={items} pane="placement-chosen" zIndex={450} />
        <ClickToAdd onAdd={onAdd} />
        <ZoomControl position="bottomright" />
        <InitialView />
        <FitTo request={fit} />
        <SizeWatcher />
        {children}
      </MapContainer>
    </div>
  );
}
