"use client";

import { memo } from "react";
import { heatColour, NO_DATA_COLOUR, statusColour, statusOpacity } from "@/lib/core/palette";
import type { VmStatus } from "@/lib/core/types";
import type { FleetView } from "@/lib/validation/fleet";
import type { FleetMode } from "./fleet-items";

// Every colour a ring can show (resuming, suspending and terminating borrow these), in rows of three.
const STATUS_KEYS: { label: string; status: VmStatus }[] = [
  { label: "running", status: "Running" },
  { label: "creating", status: "Creating" },
  { label: "rebooting", status: "Rebooting" },
  { label: "suspended", status: "Suspended" },
  { label: "failed", status: "Failed" },
  { label: "terminated", status: "Terminated" },
];
const HEAT_KEYS = [10, 50, 90];
/** Namespaces listed by name before the legend says how many more there are. */
const LISTED_NAMESPACES = 4;

const n = (x: number) => x.toLocaleString("en-US");

type Props = {
  view: FleetView | undefined;
  mode: FleetMode;
  error: string | null;
  onMode: (mode: FleetMode) => void;
  onHide: () => void;
};

/**
 * The fleet's key and switches: colour by status or CPU, hide. It exists exactly while the layer
 * shows, so it carries the layer's test id and counts (the rings themselves have no DOM).
 */
export const FleetLegend = memo(function FleetLegend({ view, mode, error, onMode, onHide }: Props) {
  const totals = view?.totals;
  return (
    <section
      aria-label="Fleet"
      data-testid="fleet-layer"
      data-vms={totals?.vms ?? 0}
      data-regions={totals?.regions ?? 0}
      data-mcis={totals?.mcis ?? 0}
      data-mode={mode}
      className="pointer-events-auto absolute bottom-6 right-3 z-[1000] w-[20rem] rounded-xl border border-panel-edge bg-panel/95 p-3 shadow-2xl backdrop-blur"
    >
      <div className="flex items-center gap-2">
        <h2 className="text-base font-semibold text-white">Fleet</h2>
        <p className="flex-1 text-right text-sm text-slate-300" data-testid="fleet-summary">
          {totals ? (
            <>
              <span className="font-semibold tabular-nums text-white">{n(totals.vms)}</span> VMs · {n(totals.mcis)} MCIs · {n(totals.regions)} regions
            </>
          ) : error ? null : (
            "loading…"
          )}
        </p>
        <button type="button" onClick={onHide} title="Hide the fleet (?fleet=0)" className="rounded px-1.5 text-slate-400 hover:bg-slate-700/60 hover:text-white">
          <span aria-hidden>✕</span>
          <span className="sr-only">Hide the fleet</span>
        </button>
      </div>
      {error && <p className="mt-1 text-sm text-red-300">{error}</p>}
      {totals && totals.vms === 0 && <p className="mt-1 text-sm text-slate-300">No VMs yet: create an MCI and its VMs appear here, ringed by status.</p>}
      {view && view.namespaces.length > 0 && (
        <ul aria-label="VMs per namespace" className="mt-2 space-y-0.5 text-sm text-slate-300">
          {view.namespaces.slice(0, LISTED_NAMESPACES).map((ns) => (
            <li key={ns.name} data-testid="fleet-namespace" data-namespace={ns.name} data-vms={ns.vms} className="flex items-baseline gap-2">
              <span className="min-w-0 flex-1 truncate text-slate-200">{ns.name}</span>
              <span className="tabular-nums">
                <span className="font-semibold text-white">{n(ns.vms)}</span> VMs · {n(ns.mcis)} {ns.mcis === 1 ? "MCI" : "MCIs"}
              </span>
            </li>
          ))}
          {view.namespaces.length > LISTED_NAMESPACES && <li className="text-slate-400">and {view.namespaces.length - LISTED_NAMESPACES} more namespaces</li>}
        </ul>
      )}
      <div role="group" aria-label="Colour the fleet by" className="mt-2 flex gap-1 text-sm">
        {(["status", "cpu"] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            onClick={() => onMode(m)}
            className={`rounded-md px-2.5 py-0.5 font-semibold ${mode === m ? "bg-sky-700 text-white" : "text-slate-300 hover:bg-slate-700/60"}`}
          >
            {m === "status" ? "Status" : "CPU"}
          </button>
        ))}
      </div>
      <ul className={`mt-2 gap-x-3 gap-y-1 text-sm text-slate-200 ${mode === "status" ? "grid grid-cols-3" : "flex flex-wrap"}`}>
        {mode === "status"
          ? STATUS_KEYS.map((k) => (
              <li key={k.status} className="flex items-center gap-1.5">
                <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: statusColour(k.status), opacity: statusOpacity(k.status) }} />
                {k.label}
              </li>
            ))
          : [
              ...HEAT_KEYS.map((p) => (
                <li key={p} className="flex items-center gap-1.5">
                  <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: heatColour(p) }} />
                  {p}%
                </li>
              )),
              <li key="none" className="flex items-center gap-1.5">
                <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: NO_DATA_COLOUR }} />
                no data
              </li>,
            ]}
      </ul>
    </section>
  );
});

/** What stays when the fleet is hidden: one button to bring it back. */
export function FleetShowButton({ onShow }: { onShow: () => void }) {
  return (
    <button
      type="button"
      onClick={onShow}
      data-testid="fleet-show"
      className="pointer-events-auto absolute bottom-6 right-3 z-[1000] rounded-xl border border-panel-edge bg-panel/95 px-3 py-2 text-sm font-semibold text-slate-200 shadow-2xl hover:text-white"
    >
      Show the fleet
    </button>
  );
}
