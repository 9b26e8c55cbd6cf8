"use client";

import Link from "next/link";
import { NO_DATA_COLOUR, statusColour } from "@/lib/core/palette";
import type { FleetMci } from "@/lib/validation/fleet";

export function mciHref(m: Pick<FleetMci, "namespace" | "id">): string {
  return `/ns/${encodeURIComponent(m.namespace)}/mci/${encodeURIComponent(m.id)}`;
}

type Props = {
  region: string;
  mcis: readonly (FleetMci & { count: number })[];
  onClose: () => void;
};

/** Several MCIs share the clicked region: a short list to pick the one to open. */
export function FleetPicker({ region, mcis, onClose }: Props) {
  return (
    <section
      aria-label={`MCIs in ${region}`}
      data-testid="fleet-picker"
      className="pointer-events-auto absolute left-1/2 top-20 z-[1100] w-[24rem] max-w-[calc(100%-2rem)] -translate-x-1/2 rounded-xl border border-panel-edge bg-panel/95 p-3 shadow-2xl backdrop-blur"
    >
      <div className="flex items-center gap-2">
        <h2 className="flex-1 text-base font-semibold text-white">{mcis.length} MCIs in {region}</h2>
        <button type="button" onClick={onClose} className="rounded px-1.5 text-slate-400 hover:bg-slate-700/60 hover:text-white">
          <span aria-hidden>✕</span>
          <span className="sr-only">Close</span>
        </button>
      </div>
      <ul className="mt-2 max-h-72 space-y-px overflow-y-auto">
        {mcis.map((m) => (
          <li key={`${m.namespace}/${m.id}`}>
            <Link href={mciHref(m)} className="flex items-baseline gap-2 rounded-md px-2 py-1 text-slate-200 hover:bg-slate-700/60 hover:text-white">
              {/* The colour of most of its VMs, as its ring would show it alone; its status in words on hover. */}
              <span aria-hidden title={m.status} className="h-2.5 w-2.5 shrink-0 self-center rounded-full" style={{ backgroundColor: m.leading ? statusColour(m.leading) : NO_DATA_COLOUR }} />
              <span className="min-w-0 flex-1 truncate font-semibold">{m.name}</span>
              <span className="text-sm text-slate-400">{m.namespace}</span>
              <span className="text-sm tabular-nums text-slate-300">{m.count.toLocaleString("en-US")} VMs</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
