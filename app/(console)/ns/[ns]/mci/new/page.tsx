import type { Metadata } from "next";
import { Suspense } from "react";
import { MapPlaceholder } from "@/components/map/map-status";
import { CreateMciPage } from "@/components/mci/create-mci-page";

export const metadata: Metadata = { title: "New MCI" };

export default async function Page({ params }: { params: Promise<{ ns: string }> }) {
  const { ns } = await params;
  return (
    // The map reads its view and the chosen regions from the URL, which only the browser knows here.
    <Suspense fallback={<MapPlaceholder />}>
      <CreateMciPage namespace={decodeURIComponent(ns)} />
    </Suspense>
  );
}
