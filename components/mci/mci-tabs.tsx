"use client";

export const TABS = ["vms", "metrics", "alerts", "subgroups", "events", "commands", "apps"] as const;
export type Tab = (typeof TABS)[number];

/** The tab a URL's `?tab=` names, the VM list otherwise. */
export function parseTab(value: string | null): Tab {
  return TABS.find((t) => t === value) ?? "vms";
}

const NAMES: Record<Tab, string> = { vms: "VMs", metrics: "Metrics", alerts: "Alerts", subgroups: "Subgroups", events: "Events", commands: "Commands", apps: "Apps" };

type Props = {
  tab: Tab;
  onTab: (tab: Tab) => void;
  /** Counts shown beside a tab's name (null while unknown). */
  counts: Record<"vms" | "subgroups" | "events", number | null>;
  /** (rule, VM) pairs firing now in this MCI: a red count on the Alerts tab. */
  firing: number;
};

/** The MCI panel's tabs; counts sit in small chips so seven tabs fit the panel's width, even with a thousand VMs. */
export function MciTabs({ tab, onTab, counts, firing }: Props) {
  return (
    // On a narrower screen the strip scrolls rather than wrapping labels.
    <div role="tablist" aria-label="MCI details" className="flex overflow-x-auto border-b border-panel-edge px-3">
      {TABS.map((t) => {
        const count = t === "vms" || t === "subgroups" || t === "events" ? counts[t] : null;
        return (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => onTab(t)}
            className={`-mb-px inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap border-b-2 px-2 py-2 text-[0.95rem] font-medium ${tab === t ? "border-sky-400 text-white" : "border-transparent text-slate-400 hover:text-slate-200"}`}
          >
            {NAMES[t]}
            {count !== null && <span className="rounded bg-slate-700/70 px-1 text-xs leading-5 tabular-nums text-slate-300">{count.toLocaleString("en-US")}</span>}
            {t === "alerts" && firing > 0 && (
              <span data-testid="mci-firing" className="rounded-full bg-rose-600 px-1.5 text-xs font-bold leading-5 text-white" title={`${firing} firing now`}>
                {firing}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
