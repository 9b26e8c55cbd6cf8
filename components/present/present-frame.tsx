"use client";

import dynamic from "next/dynamic";

// Leaflet touches `window` when imported, and the pages that use this render on the server too.
export const PresentFrame = dynamic(() => import("./present-frame-layer").then((m) => m.PresentFrame), { ssr: false });
