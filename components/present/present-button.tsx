"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { isEmbedded, isPresentablePath } from "./present-url";
import { writePresent } from "./use-present-mode";

/** True while the page shown is in presentation mode: the console's bar hides then. */
export function usePresenting(): boolean {
  const pathname = usePathname() ?? "/";
  const searchParams = useSearchParams();
  // A guided tour may frame any page (the new-MCI form too) without the bar.
  return searchParams.get("present") === "1" && (isPresentablePath(pathname) || isEmbedded(searchParams));
}

/** The bar's Present button, on the pages that have a presentation. */
export function PresentButton() {
  const pathname = usePathname() ?? "/";
  if (!isPresentablePath(pathname)) return null;
  return (
    <button
      type="button"
      data-testid="present-button"
      onClick={() => writePresent({ on: true, scene: 0 }, true)}
      title="Present this page: the map full screen with big live figures. → and ← change the scene, Esc leaves."
      className="inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-[0.95rem] font-medium text-slate-100 ring-1 ring-panel-edge hover:bg-slate-800 hover:text-white"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
        <path d="M2 3h16v10H2zM4 5v6h12V5zM9 14h2v2h3v2H6v-2h3z" />
      </svg>
      Present
    </button>
  );
}
