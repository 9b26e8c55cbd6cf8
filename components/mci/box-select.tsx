"use client";

import { latLngBounds, rectangle, type LatLng, type LatLngBounds, type LeafletMouseEvent, type Rectangle } from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";

// A drag shorter than this is a click on a marker, not a box.
const MIN_BOX_PX = 6;

/**
 * Shift+drag draws a box and hands its bounds over on release. Map dragging is off while Shift is
 * held (and Leaflet's own shift+drag zoom must be off: `boxZoom={false}`), so the drag draws
 * instead of panning.
 */
export function BoxSelect({ onBox, onArmedChange }: { onBox: (bounds: LatLngBounds) => void; onArmedChange?: (armed: boolean) => void }) {
  const map = useMap();
  const onBoxRef = useRef(onBox);
  const onArmedRef = useRef(onArmedChange);
  useEffect(() => {
    onBoxRef.current = onBox;
    onArmedRef.current = onArmedChange;
  }, [onBox, onArmedChange]);

  useEffect(() => {
    const container = map.getContainer();
    let shiftHeld = false;
    let start: LatLng | null = null;
    let startPx: { x: number; y: number } | null = null;
    let box: Rectangle | null = null;
    // The release ends a box, but the browser still sends a click to whatever marker is under it.
    let swallowClickUntil = 0;

    const arm = (on: boolean) => {
      if (shiftHeld === on) return;
      shiftHeld = on;
      container.classList.toggle("box-select-armed", on);
      if (on) map.dragging.disable();
      else if (!start) map.dragging.enable();
      onArmedRef.current?.(on);
    };
    const finish = (end: LatLng | null, endPx: { x: number; y: number } | null) => {
      if (!start) return;
      const from = start;
      const fromPx = startPx;
      start = null;
      startPx = null;
      box?.remove();
      box = null;
      if (!shiftHeld) map.dragging.enable();
      if (!end || !endPx || !fromPx) return;
      if (Math.abs(endPx.x - fromPx.x) < MIN_BOX_PX && Math.abs(endPx.y - fromPx.y) < MIN_BOX_PX) return;
      swallowClickUntil = performance.now() + 400;
      onBoxRef.current(latLngBounds(from, end));
    };

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === "Shift") arm(true);
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === "Shift") arm(false);
    };
    const onBlur = () => {
      arm(false);
      finish(null, null);
    };
    const onMouseDown = (e: LeafletMouseEvent) => {
      if (!e.originalEvent.shiftKey || e.originalEvent.button !== 0) return;
      // A shift+click can come without a keydown first (focus was elsewhere): arm now.
      arm(true);
      // No text selection in the panels while the box is drawn.
      e.originalEvent.preventDefault();
      start = e.latlng;
      startPx = e.containerPoint;
      box = rectangle(latLngBounds(start, start), {
        color: "#38bdf8",
        weight: 2,
        dashArray: "6 4",
        fillColor: "#38bdf8",
        fillOpacity: 0.12,
        interactive: false,
      }).addTo(map);
    };
    const onMouseMove = (e: LeafletMouseEvent) => {
      if (start && box) box.setBounds(latLngBounds(start, e.latlng));
    };
    const onMouseUp = (e: LeafletMouseEvent) => finish(e.latlng, e.containerPoint);
    // Released outside the map (over a panel): still finish the box where the pointer left it.
    const onDocumentUp = (e: MouseEvent) => {
      if (!start || container.contains(e.target as Node)) return;
      finish(map.mouseEventToLatLng(e), map.mouseEventToContainerPoint(e));
    };

    const onClickCapture = (e: MouseEvent) => {
      if (performance.now() > swallowClickUntil) return;
      swallowClickUntil = 0;
      e.stopPropagation();
    };

    container.addEventListener("click", onClickCapture, true);
    map.on("mousedown", onMouseDown);
    map.on("mousemove", onMouseMove);
    map.on("mouseup", onMouseUp);
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("keyup", onKeyUp);
    window.addEventListener("blur", onBlur);
    document.addEventListener("mouseup", onDocumentUp);
    return () => {
      container.removeEventListener("click", onClickCapture, true);
      map.off("mousedown", onMouseDown);
      map.off("mousemove", onMouseMove);
      map.off("mouseup", onMouseUp);
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("keyup", onKeyUp);
      window.removeEventListener("blur", onBlur);
      document.removeEventListener("mouseup", onDocumentUp);
      box?.remove();
      container.classList.remove("box-select-armed");
      map.dragging.enable();
    };
  }, [map]);

  return null;
}
