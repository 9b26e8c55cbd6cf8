"use client";

import type { PathOptions } from "leaflet";
import { memo, useMemo } from "react";
import { Pane, Polyline } from "react-leaflet";
import { latencyColour } from "@/lib/core/palette";
import type { LatencySource } from "@/lib/core/types";
import { greatCirclePath, shiftPath, WORLD_COPIES, type LatLon } from "./geo";
import type { MapRegion } from "./use-catalogue";

export type LatencyLine = { to: MapRegion; rttMs: number; source: LatencySource };

type Props = { from: MapRegion | null; lines: readonly LatencyLine[] };

/**
 * Great-circle lines from the selected region, coloured by RTT; estimated ones are dashed so a
 * measured figure never passes for a guess. Drawn under the markers so the ends stay clickable.
 */
export const LatencyLayer = memo(function LatencyLayer({ from, lines }: Props) {
  const paths = useMemo(() => {
    if (!from) return [];
    const start: LatLon = [from.latitude, from.longitude];
    // Far lines first, so the short (interesting) ones are painted on top.
    return [...lines]
      .sort((a, b) => b.rttMs - a.rttMs)
      .flatMap((line) => {
        const path = greatCirclePath(start, [line.to.latitude, line.to.longitude]);
        const style: PathOptions = {
          color: latencyColour(line.rttMs),
          weight: 2.5,
          opacity: 0.85,
          dashArray: line.source === "estimated" ? "6 5" : undefined,
          lineCap: "round",
        };
        return WORLD_COPIES.map((offset) => ({ id: `${line.to.key}@${offset}`, positions: shiftPath(path, offset), style }));
      });
  }, [from, lines]);

  return (
    <Pane name="latency" style={{ zIndex: 420 }}>
      {paths.map((p) => (
        <Polyline key={p.id} positions={p.positions} pathOptions={p.style} interactive={false} />
      ))}
    </Pane>
  );
});
