"use client";

import { useMemo } from "react";
import type { MapRegion } from "@/components/map/use-catalogue";
import { plural } from "@/lib/core/plural";
import { providerColour } from "@/lib/core/palette";
import { groupByContinent } from "./continents";
import { PresentShell } from "./present-shell";
import { TYPE } from "./present-type";
import { usePresentMode, type PresentMode } from "./use-present-mode";
import { useFleetSummary } from "./use-fleet-summary";

export type MapPresentationState = {
  mode: PresentMode;
  /** What the map frames now: null for the whole world. */
  frame: { places: [number, number][] | null; token: string };
};

/** The home map's scenes: the whole world, then each continent with regions (of the providers shown). */
export function useMapPresentation(regions: readonly MapRegion[]): MapPresentationState {
  const continents = useMemo(() => groupByContinent(regions), [regions]);
  const mode = usePresentMode(1 + continents.length);
  const frame = useMemo(() => {
    const group = mode.scene > 0 ? continents[mode.scene - 1] : undefined;
    if (!group) return { places: null, token: "world" };
    return { places: group.places.map((r): [number, number] => [r.latitude, r.longitude]), token: `${group.continent}:${group.places.length}` };
  }, [mode.scene, continents]);
  return { mode, frame };
}

/** The home map presented: clouds, regions and VMs running in big numbers, the clock, a caption per scene. */
export function MapPresentation({ state, regions }: { state: MapPresentationState; regions: readonly MapRegion[] }) {
  const { mode } = state;
  const continents = useMemo(() => groupByContinent(regions), [regions]);
  const fleet = useFleetSummary(true);
  const group = mode.scene > 0 ? continents[mode.scene - 1] : undefined;
  const shown = group ? group.places : regions;
  const providers = useMemo(() => [...new Set(shown.map((r) => r.provider))].sort(), [shown]);
  const captions = [
    `Every cloud on one map: ${plural(regions.length, "region")} of ${plural(new Set(regions.map((r) => r.provider)).size, "provider")}`,
    ...continents.map((c) => `${c.continent}: ${plural(c.places.length, "region")} of ${plural(c.providers, "provider")}`),
  ];
  const figures = [
    { id: "clouds", label: "Clouds", value: String(providers.length) },
    { id: "regions", label: group ? `Regions in ${group.continent}` : "Regions", value: String(shown.length) },
    ...(fleet.loaded && fleet.total > 0
      ? [{ id: "vms", label: `VMs running, ${plural(fleet.mcis, "MCI")}`, value: `${fleet.running.toLocaleString("en-US")}/${fleet.total.toLocaleString("en-US")}`, colour: "#6ee7b7" }]
      : []),
  ];
  return (
    <PresentShell mode={mode} title="Barista: many clouds, one map" figures={figures} clock={{ span: fleet.live?.span ?? null, label: fleet.live?.name ?? "" }} captions={captions}>
      <ul data-testid="present-providers" className={`${TYPE.hint} absolute bottom-[13vh] left-[3vmin] flex max-w-[70vw] flex-wrap gap-x-[1.2em] gap-y-1 text-slate-200`}>
        {providers.map((p) => (
          <li key={p} className="flex items-center gap-[0.4em]">
            <span aria-hidden className="inline-block h-[0.8em] w-[0.8em] rounded-full ring-2 ring-white/80" style={{ backgroundColor: providerColour(p) }} />
            {p}
          </li>
        ))}
      </ul>
    </PresentShell>
  );
}
