"use client";

import { latLngBounds, layerGroup, point, type Map as LeafletMap } from "leaflet";
import { memo, useEffect, useRef, useState } from "react";
import { useMap } from "react-leaflet";
import { WORLD_COPIES } from "@/components/map/geo";
import { clusterDiscs } from "./cluster-discs";
import { declutter } from "./declutter";
import { radiusForCount } from "./marker-radius";
import { StatusMarker, type RingSegment } from "./status-marker";

export type MarkerItem = {
  key: string;
  latitude: number;
  longitude: number;
  segments: readonly RingSegment[];
  label: string;
  radius: number;
  offset: readonly [number, number];
  highlight: boolean;
  /** The disc's colour behind the label (heat maps). */
  disc?: string;
  /** Plain text; lines split on \n. */
  tooltip: string;
  /** Set on a ring that stands for several places: where they are, so a click can zoom in to them. */
  members?: readonly { latitude: number; longitude: number }[];
};

/** How a group of places looks as one ring; its place and radius come from the clustering. */
export type ClusterLook = Pick<MarkerItem, "segments" | "label" | "tooltip" | "disc">;

type Props = {
  items: readonly MarkerItem[];
  /** A pane of its own, above the basemap and the extent lines. */
  pane: string;
  zIndex: number;
  onClick?: (key: string) => void;
  /** Push overlapping markers apart at every zoom (the items' own offsets are then ignored). */
  declutter?: boolean;
  /**
   * Merge the places whose rings would overlap at the current zoom into one ring (recomputed on
   * zoomend); a click on a group zooms in to it. At the map's last zoom, where zooming in can no
   * longer split a group, the rings are pushed apart instead (with `declutter`).
   */
  cluster?: (members: readonly MarkerItem[]) => ClusterLook;
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function tooltipHtml(text: string): string {
  const [first, ...rest] = text.split("\n");
  return [`<strong>${escapeHtml(first)}</strong>`, ...rest.map((l) => `<span style="color:#cbd5e1">${escapeHtml(l)}</span>`)].join("<br>");
}

function sameSegments(a: readonly RingSegment[], b: readonly RingSegment[]): boolean {
  return a.length === b.length && a.every((s, i) => s.colour === b[i].colour && s.count === b[i].count && s.opacity === b[i].opacity);
}

function spreadOffsets(map: LeafletMap, items: readonly MarkerItem[], zoom: number): Map<string, [number, number]> {
  const discs = items.map((i) => {
    const p = map.project([i.latitude, i.longitude], zoom);
    return { x: p.x, y: p.y, r: i.radius + 3 };
  });
  const offsets = declutter(discs);
  return new Map(items.map((i, n) => [i.key, offsets[n]]));
}

function ringCount(item: MarkerItem): number {
  return item.segments.reduce((n, s) => n + s.count, 0);
}

/** The rings as drawn at this zoom: a place alone keeps its own item, overlapping places share one. */
function clusterItems(map: LeafletMap, items: readonly MarkerItem[], zoom: number, look: (members: readonly MarkerItem[]) => ClusterLook): MarkerItem[] {
  const discs = items.map((i) => {
    const p = map.project([i.latitude, i.longitude], zoom);
    return { x: p.x, y: p.y, r: i.radius, weight: ringCount(i) };
  });
  return clusterDiscs(discs, { radiusFor: radiusForCount, gap: 3 }).map((g) => {
    if (g.members.length === 1) return items[g.members[0]];
    const members = g.members.map((n) => items[n]);
    const centre = map.unproject(point(g.x, g.y), zoom);
    return {
      ...look(members),
      key: `group:${members.map((m) => m.key).join(",")}`,
      latitude: centre.lat,
      longitude: centre.lng,
      radius: g.r,
      offset: [0, 0],
      highlight: members.some((m) => m.highlight),
      members: members.map((m) => ({ latitude: m.latitude, longitude: m.longitude })),
    };
  });
}

/** Zooms in to a group's places: far enough that they are framed, and always at least one step. */
function zoomToMembers(map: LeafletMap, members: readonly { latitude: number; longitude: number }[]) {
  const bounds = latLngBounds(members.map((m) => [m.latitude, m.longitude]));
  const fit = map.getBoundsZoom(bounds, false, point(80, 80));
  const zoom = Math.min(map.getMaxZoom(), Math.max(fit, map.getZoom() + 1));
  map.setView(bounds.getCenter(), zoom);
}

/**
 * Status rings for many places, kept imperatively: a poll that changes three regions redraws three
 * markers, not hundreds. Each place is drawn in every world copy so panning across 180° never empties the map.
 */
export const StatusMarkerLayer = memo(function StatusMarkerLayer({ items, pane, zIndex, onClick, declutter: spread = false, cluster }: Props) {
  const map = useMap();
  const [group] = useState(() => layerGroup());
  const markers = useRef(new Map<string, { marker: StatusMarker; item: MarkerItem }>());
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = map.getPane(pane) ?? map.createPane(pane);
    element.style.zIndex = String(zIndex);
    // A canvas catches every pointer event over the whole map: a layer nobody clicks must let them through.
    element.style.pointerEvents = clickRef.current ? "" : "none";
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group, pane, zIndex]);

  const [zoom, setZoom] = useState(() => map.getZoom());
  const follows = spread || Boolean(cluster);
  useEffect(() => {
    if (!follows) return;
    const onZoom = () => setZoom(map.getZoom());
    map.on("zoomend", onZoom);
    return () => {
      map.off("zoomend", onZoom);
    };
  }, [map, follows]);

  useEffect(() => {
    const live = markers.current;
    const grouping = cluster && zoom < map.getMaxZoom();
    const shown = grouping ? clusterItems(map, items, zoom, cluster) : items;
    const offsets = spread && !grouping ? spreadOffsets(map, shown, zoom) : null;
    const seen = new Set<string>();
    for (const given of shown) {
      const offset = offsets?.get(given.key);
      const item = offset && (offset[0] !== given.offset[0] || offset[1] !== given.offset[1]) ? { ...given, offset } : given;
      for (const copy of WORLD_COPIES) {
        const id = `${item.key}@${copy}`;
        seen.add(id);
        const existing = live.get(id);
        if (!existing) {
          const marker = new StatusMarker([item.latitude, item.longitude + copy], {
            pane,
            radius: item.radius,
            segments: item.segments,
            label: item.label,
            offset: item.offset,
            highlight: item.highlight,
            disc: item.disc,
            interactive: Boolean(clickRef.current),
            bubblingMouseEvents: false,
          });
          marker.bindTooltip(tooltipHtml(item.tooltip), { className: "region-tooltip", direction: "top", sticky: true, offset: [0, -14] });
          const members = item.members;
          marker.on("click", () => (members ? zoomToMembers(map, members) : clickRef.current?.(item.key)));
          group.addLayer(marker);
          live.set(id, { marker, item });
          continue;
        }
        const before = existing.item;
        if (before === item) continue;
        if (
          before.radius !== item.radius ||
          before.label !== item.label ||
          before.highlight !== item.highlight ||
          before.disc !== item.disc ||
          before.offset[0] !== item.offset[0] ||
          before.offset[1] !== item.offset[1] ||
          !sameSegments(before.segments, item.segments)
        ) {
          existing.marker.update(item);
          // The selected place is drawn last so its white ring is never under a neighbour.
          if (item.highlight) existing.marker.bringToFront();
        }
        if (before.tooltip !== item.tooltip) existing.marker.setTooltipContent(tooltipHtml(item.tooltip));
        existing.item = item;
      }
    }
    for (const [id, { marker }] of live) {
      if (seen.has(id)) continue;
      group.removeLayer(marker);
      live.delete(id);
    }
  }, [items, group, pane, spread, cluster, map, zoom]);

  return null;
});
