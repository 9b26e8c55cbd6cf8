import { Suspense } from "react";
import { MapPage } from "@/components/map/map-page";
import { MapPlaceholder } from "@/components/map/map-status";

export default function HomePage() {
  return (
    // The map reads the URL (?region=, ?at=), which is only known in the browser for a static page.
    <Suspense fallback={<MapPlaceholder />}>
      <MapPage />
    </Suspense>
  );
}
