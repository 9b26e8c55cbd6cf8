"use client";

import type { PathOptions } from "leaflet";
import { memo, useMemo } from "react";
import { Pane, Polyline } from "react-leaflet";
import { greatCirclePath, shiftPath, WORLD_COPIES } from "@/components/map/geo";
import { spanningTree } from "./spanning-tree";
import { useStable } from "./use-stable";

type Place = { key: string; latitude: number; longitude: number };

const STYLE: PathOptions = { color: "#cbd5e1", weight: 1.75, opacity: 0.55, dashArray: "5 6", lineCap: "round" };

/**
 * The MCI's extent: the shortest tree of great-circle links that joins its regions. It reads as
 * "these places are one system" and costs n−1 lines however many regions there are.
 */
export const ExtentLayer = memo(function ExtentLayer({ places }: { places: readonly Place[] }) {
  // Recomputed only when the set of regions changes, not on every status poll.
  const stable = useStable(places, places.map((p) => p.key).join(","));
  const paths = useMemo(() => {
    const edges = spanningTree(stable);
    return edges.flatMap(([a, b]) => {
      const path = greatCirclePath([a.latitude, a.longitude], [b.latitude, b.longitude], 32);
      return WORLD_COPIES.map((offset) => ({ id: `${a.key}-${b.key}@${offset}`, positions: shiftPath(path, offset) }));
    });
  }, [stable]);

  return (
    <Pane name="mci-extent" style={{ zIndex: 420, pointerEvents: "none" }}>
      {paths.map((p) => (
        <Polyline key={p.id} positions={p.positions} pathOptions={STYLE} interactive={false} />
      ))}
    </Pane>
  );
});
