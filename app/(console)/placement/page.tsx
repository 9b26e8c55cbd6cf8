import type { Metadata } from "next";
import { Suspense } from "react";
import { MapPlaceholder } from "@/components/map/map-status";
import { listCities } from "@/components/placement/cities";
import { PlacementPage } from "@/components/placement/placement-page";

export const metadata: Metadata = { title: "Placement" };

export default function Page() {
  // The city list is trimmed on the server, so the browser gets 2,900 cities, not the package's whole file.
  return (
    <Suspense fallback={<MapPlaceholder />}>
      <PlacementPage cities={listCities()} />
    </Suspense>
  );
}
