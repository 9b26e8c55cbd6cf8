"use client";

import dynamic from "next/dynamic";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { MarkerItem } from "@/components/mci/status-marker-layer";
import { fleetClusterLook } from "./fleet-clusters";
import { fleetItems, regionMcis, type FleetMode } from "./fleet-items";
import { FleetLegend, FleetShowButton } from "./fleet-legend";
import { FleetPicker, mciHref } from "./fleet-picker";
import { withQuery } from "./map-url";
import { useFleet } from "./use-fleet";
import type { FleetView } from "@/lib/validation/fleet";

// Leaflet reads `window` as it loads: the home page renders on the server too, so the layer loads in the browser only.
const FleetLayer = dynamic(() => import("./fleet-layer").then((m) => m.FleetLayer), { ssr: false });

/** `?fleet=0` hides the fleet, `?fleet=cpu` colours it by CPU; status rings otherwise. */
type FleetSetting = "hidden" | FleetMode;

export function parseFleet(value: string | null): FleetSetting {
  return value === "0" ? "hidden" : value === "cpu" ? "cpu" : "status";
}

const FLEET_PARAM: Record<FleetSetting, string | null> = { hidden: "0", cpu: "cpu", status: null };
const NO_ITEMS: MarkerItem[] = [];
const EMPTY_VIEW: FleetView = { regions: [], mcis: [], namespaces: [], totals: { vms: 0, mcis: 0, namespaces: 0, regions: 0, byStatus: {} } };

/**
 * The home map's fleet: `layer` goes inside the map, `overlay` (legend, MCI picker) over it. The
 * setting lives in the URL so a link (or a wall display) opens the map as it was shown.
 */
export function useFleetLayer(): { layer: ReactNode; overlay: ReactNode } {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [setting, setSetting] = useState<FleetSetting>(() => parseFleet(searchParams.get("fleet")));
  const [picking, setPicking] = useState<string | null>(null);
  const shown = setting !== "hidden";
  const mode: FleetMode = setting === "cpu" ? "cpu" : "status";
  const fleet = useFleet(shown);
  const view = fleet.data;
  const items = useMemo(() => (view && shown ? fleetItems(view, mode) : NO_ITEMS), [view, mode, shown]);

  const cluster = useMemo(() => (view ? fleetClusterLook(view, mode) : fleetClusterLook(EMPTY_VIEW, mode)), [view, mode]);

  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);

  // Written on the user's change only: the page writes its own parameters on load, and two replaces at once could drop one.
  const change = useCallback(
    (next: FleetSetting) => {
      setSetting(next);
      setPicking(null);
      router.replace(withQuery({ fleet: FLEET_PARAM[next] }), { scroll: false });
    },
    [router],
  );

  const onPick = useCallback(
    (key: string) => {
      const current = viewRef.current;
      const region = current?.regions.find((r) => r.key === key);
      if (!current || !region) return;
      const mcis = regionMcis(current, region);
      if (mcis.length === 1) router.push(mciHref(mcis[0]));
      else setPicking(key);
    },
    [router],
  );

  useEffect(() => {
    if (!picking) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setPicking(null);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [picking]);

  const picked = picking && view ? view.regions.find((r) => r.key === picking) : undefined;
  const onMode = useCallback((m: FleetMode) => change(m), [change]);
  const onHide = useCallback(() => change("hidden"), [change]);
  const onShow = useCallback(() => change("status"), [change]);
  const closePicker = useCallback(() => setPicking(null), []);

  return {
    layer: shown ? <FleetLayer items={items} onPick={onPick} cluster={cluster} /> : null,
    overlay: (
      <>
        {shown ? <FleetLegend view={view} mode={mode} error={fleet.error ? fleet.error.message : null} onMode={onMode} onHide={onHide} /> : <FleetShowButton onShow={onShow} />}
        {shown && picked && view && <FleetPicker region={picked.name} mcis={regionMcis(view, picked)} onClose={closePicker} />}
      </>
    ),
  };
}
