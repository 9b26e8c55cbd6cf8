"use client";

export const TABS = ["vms", "metrics", "alerts", "subgroups", "events", "commands"] as const;
export type Tab = (typeof TABS)[number];

/** The tab a URL's `?tab=` names, the VM list otherwise. */
export function parseTab(value: string | null): Tab {
  return TABS.find((t) => t === value) ?? "vms";
}

type Props = {
  tab: Tab;
  onTab: (tab: Tab) => void;
  /** Labels that carry a count. */
  labels: Record<"vms" | "subgroups" | "events", string>;
  /** (rule, VM) pairs firing now in this MCI: a red count on the Alerts tab. */
  firing: number;
};

/** The MCI panel's tabs. */
export function MciTabs({ tab, onTab, labels, firing }: Props) {
  return (
    // Six tabs fill the panel's width; on a narrow screen the strip scrolls rather than wrapping labels.
    <div role="tablist" aria-label="MCI details" className="flex overflow-x-auto border-b border-panel-edge px-3">
      {TABS.map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          aria-selected={tab === t}
          onClick={() => onTab(t)}
          className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-2.5 py-2 text-[0.95rem] font-medium ${tab === t ? "border-sky-400 text-white" : "border-transparent text-slate-400 hover:text-slate-200"}`}
        >
          {t === "metrics" ? (
            "Metrics"
          ) : t === "commands" ? (
            "Commands"
          ) : t === "alerts" ? (
            <span className="inline-flex items-center gap-1.5">
              Alerts
              {firing > 0 && (
                <span data-testid="mci-firing" className="rounded-full bg-rose-600 px-1.5 text-xs font-bold leading-5 text-white" title={`${firing} firing now`}>
                  {firing}
                </span>
              )}
            </span>
          ) : (
            labels[t]
          )}
        </button>
      ))}
    </div>
  );
}
