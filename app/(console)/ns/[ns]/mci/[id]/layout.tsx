import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Suspense } from "react";
import { MapPlaceholder } from "@/components/map/map-status";
import { MciPage } from "@/components/mci/mci-page";

export const metadata: Metadata = { title: "MCI" };

type Props = { children: ReactNode; params: Promise<{ ns: string; id: string }> };

/**
 * The MCI page lives in the layout so that opening a VM (its own URL, a child route) keeps the map,
 * the table and their state instead of mounting a new page.
 */
export default async function Layout({ children, params }: Props) {
  const { ns, id } = await params;
  return (
    <>
      <Suspense fallback={<MapPlaceholder />}>
        <MciPage namespace={decodeURIComponent(ns)} id={decodeURIComponent(id)} />
      </Suspense>
      {children}
    </>
  );
}
