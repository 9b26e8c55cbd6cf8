"use client";

import { latLngBounds } from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";
import { unwrapLongitudes } from "@/components/mci/unwrap-longitudes";

type Props = {
  /** Lat/lon pairs to frame, or null for the whole world. An empty list waits for the data. */
  places: readonly (readonly [number, number])[] | null;
  /** Frames again whenever it changes (a new scene, the data arriving). */
  token: string;
  /** Share of the width a scene's panel covers on the right, to frame beside it. */
  panelShare?: number;
};

// The title and figures cover the top fifth, the caption the bottom sixth.
const TOP_SHARE = 0.24;
const BOTTOM_SHARE = 0.16;
const SIDE_SHARE = 0.05;

/** Inside a map (loaded in the browser only, see present-frame.tsx): frames a presentation's scene between its header and its caption. */
export function PresentFrame({ places, token, panelShare = 0 }: Props) {
  const map = useMap();
  const framed = useRef<string | null>(null);
  useEffect(() => {
    if (framed.current === token || (places && places.length === 0)) return;
    // The first frame is instant, so a page opened on a scene (a link, a demo's frame) shows it at once.
    const animate = framed.current !== null;
    framed.current = token;
    map.invalidateSize({ pan: false });
    const size = map.getSize();
    const top = Math.round(size.y * TOP_SHARE);
    const bottom = Math.round(size.y * BOTTOM_SHARE);
    const side = Math.round(size.x * SIDE_SHARE);
    const right = side + Math.round(size.x * panelShare);
    if (!places) {
      const zoom = Math.max(map.getMinZoom(), Math.log2((size.x - side) / 256));
      // The centre sits a little south so the band of regions falls between header and caption.
      const center = map.unproject(map.project([18, 0], zoom).subtract([0, (top - bottom) / 2]), zoom);
      if (animate) map.flyTo(center, zoom, { duration: 0.9 });
      else map.setView(center, zoom, { animate: false });
      return;
    }
    const lons = unwrapLongitudes(places.map((p) => p[1]));
    const bounds = latLngBounds(places.map((p, i) => [p[0], lons[i]] as [number, number]));
    const options = { paddingTopLeft: [side, top] as [number, number], paddingBottomRight: [right, bottom] as [number, number], maxZoom: 5 };
    if (animate) map.flyToBounds(bounds, { ...options, duration: 0.9 });
    else map.fitBounds(bounds, { ...options, animate: false });
  }, [map, places, token, panelShare]);
  return null;
}
