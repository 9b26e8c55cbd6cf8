import type { ReactNode } from "react";
import { HEAT_STOPS, NO_DATA_COLOUR } from "@/lib/core/palette";

const GRADIENT = `linear-gradient(to right, ${HEAT_STOPS.map((s) => `${s.colour} ${s.percent}%`).join(", ")})`;

/** The key to a heat-coloured map: the 0–100 % ramp and the grey of VMs that report nothing. */
export function HeatLegend({ label, noun, control }: { label: string; noun: string; control: ReactNode }) {
  return (
    <section
      aria-label={`${label} heat colours`}
      data-testid="heat-legend"
      className="pointer-events-auto absolute bottom-5 left-3 z-[1000] max-w-[calc(100%-38rem)] rounded-xl border border-panel-edge bg-panel/95 px-3 py-2 text-[0.95rem] shadow-2xl backdrop-blur"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5">
        {control}
        <span className="flex items-center gap-2 text-slate-200">
          0 %
          <span aria-hidden className="h-3 w-40 rounded-full" style={{ background: GRADIENT }} />
          100 %
        </span>
        <span className="flex items-center gap-1.5 text-slate-200">
          <span aria-hidden className="h-3 w-3 rounded-full" style={{ backgroundColor: NO_DATA_COLOUR }} />
          not reporting
        </span>
      </div>
      <p className="mt-0.5 text-sm text-slate-400">
        Each arc is a VM by its {noun} now; the number and the disc are the region&apos;s average.
      </p>
    </section>
  );
}
