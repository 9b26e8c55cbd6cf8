"use client";

import type { LayerEvent } from "leaflet";
import { memo, useEffect, useState } from "react";
import { useMap } from "react-leaflet";
import { StatusMarker } from "@/components/mci/status-marker";
import { StatusMarkerLayer, type ClusterLook, type MarkerItem } from "@/components/mci/status-marker-layer";

/**
 * The rings share the region dots' pane, so one canvas hit-tests both: a dot beside a ring stays
 * clickable (a canvas in a pane of its own would swallow every click over the map).
 */
const PANE = "regions";
const PANE_Z = 440;

/** Keeps the rings above the dots: dots added later (a provider shown again) would be drawn over them. */
function RingsOnTop() {
  const map = useMap();
  useEffect(() => {
    let frame = 0;
    const raise = () => {
      frame = 0;
      map.eachLayer((l) => {
        if (l instanceof StatusMarker && l.options.pane === PANE) l.bringToFront();
      });
    };
    const onAdd = (e: LayerEvent) => {
      if (!(e.layer instanceof StatusMarker) && (e.layer.options as { pane?: string }).pane === PANE && !frame) frame = requestAnimationFrame(raise);
    };
    map.on("layeradd", onAdd);
    return () => {
      map.off("layeradd", onAdd);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [map]);
  return null;
}

type Props = {
  items: readonly MarkerItem[];
  onPick: (key: string) => void;
  /** How regions whose rings would overlap look as one ring (a hundred regions at world zoom would otherwise pile up). */
  cluster: (members: readonly MarkerItem[]) => ClusterLook;
};

/** The fleet on the home map: a status (or CPU) ring per region, or per group of nearby regions, drawn on the map's canvas. */
export const FleetLayer = memo(function FleetLayer({ items, onPick, cluster }: Props) {
  const map = useMap();
  // The region layer makes the pane; drawing into it first would make it here, and the region layer would then fail to.
  const [ready, setReady] = useState(() => Boolean(map.getPane(PANE)));
  useEffect(() => {
    if (ready) return;
    let frame = requestAnimationFrame(function check() {
      if (map.getPane(PANE)) setReady(true);
      else frame = requestAnimationFrame(check);
    });
    return () => cancelAnimationFrame(frame);
  }, [map, ready]);
  if (!ready) return null;
  return (
    <>
      <StatusMarkerLayer items={items} pane={PANE} zIndex={PANE_Z} onClick={onPick} cluster={cluster} declutter />
      <RingsOnTop />
    </>
  );
});
