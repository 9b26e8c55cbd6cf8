import type { ReactNode } from "react";
import { statusColour, statusOpacity } from "@/lib/core/palette";
import type { VmStatus } from "@/lib/core/types";

const ENTRIES: { label: string; status: VmStatus }[] = [
  { label: "running", status: "Running" },
  { label: "creating, resuming", status: "Creating" },
  { label: "rebooting", status: "Rebooting" },
  { label: "suspended", status: "Suspended" },
  { label: "failed", status: "Failed" },
  { label: "terminated", status: "Terminated" },
];

/** The key to the map's rings, in one low strip so it hides as little of the map as it can. */
export function StatusLegend({ children, control }: { children?: ReactNode; control?: ReactNode }) {
  return (
    <section
      aria-label="Status colours"
      className="pointer-events-auto absolute bottom-5 left-3 z-[1000] max-w-[calc(100%-38rem)] rounded-xl border border-panel-edge bg-panel/95 px-3 py-2 text-[0.95rem] shadow-2xl backdrop-blur"
    >
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {control && <li>{control}</li>}
        <li className="font-semibold text-white">VM status</li>
        {ENTRIES.map((e) => (
          <li key={e.label} className="flex items-center gap-1.5 whitespace-nowrap text-slate-200">
            <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: statusColour(e.status), opacity: statusOpacity(e.status) }} />
            {e.label}
          </li>
        ))}
      </ul>
      {children && <p className="mt-0.5 text-sm text-slate-400">{children}</p>}
    </section>
  );
}
