"use client";

import { latLngBounds } from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";
import { unwrapLongitudes } from "./unwrap-longitudes";

type Place = { latitude: number; longitude: number };
export type MapPadding = { top: number; right: number; bottom: number; left: number };

/** Frames the places once per `token` (an MCI id), leaving room for the panels that float over the map. */
export function FitPlaces({ places, token, padding, maxZoom = 5 }: { places: readonly Place[]; token: string; padding: MapPadding; maxZoom?: number }) {
  const map = useMap();
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (fitted.current === token || places.length === 0) return;
    fitted.current = token;
    // The container may have been measured before the page settled; fit against its size now.
    map.invalidateSize({ pan: false });
    const lons = unwrapLongitudes(places.map((p) => p.longitude));
    const lats = places.map((p) => p.latitude);
    const bounds = latLngBounds(lats.map((lat, i) => [lat, lons[i]] as [number, number]));
    map.fitBounds(bounds, {
      paddingTopLeft: [padding.left, padding.top],
      paddingBottomRight: [padding.right, padding.bottom],
      maxZoom,
      animate: false,
    });
  }, [map, places, token, padding, maxZoom]);
  return null;
}
