"use client";

import { useState } from "react";
import { useNow } from "@/components/connections/use-now";
import type { AlertEventView } from "@/lib/validation/monitoring";
import { EventStateBadge, SeverityBadge } from "./alert-badges";
import { EventTime, EventValue, EventVm, WebhookStatus } from "./event-parts";
import { useAlertEvents, useAlertRules } from "./use-alerts";

type StateFilter = "all" | AlertEventView["state"];
const FILTERS: readonly StateFilter[] = ["all", "firing", "resolved"];

export type AlertEventsProps = {
  /** Only this MCI's events. */
  mci?: string;
  /** VM id → name, so rows say `web-1` rather than an id. */
  vmNames?: ReadonlyMap<string, string>;
  /** MCI id → name, for the full table's MCI column. */
  mciNames?: ReadonlyMap<string, string>;
  /** Opens a VM in place (e.g. the MCI page's panel) instead of following a link. */
  onOpenVm?: (vmId: string) => void;
  /** A narrow list for side panels instead of the full table. */
  compact?: boolean;
  limit?: number;
};

/** Alert events, newest first, polled every 5 s, with a firing / resolved filter. */
export function AlertEvents({ mci, vmNames, mciNames, onOpenVm, compact = false, limit }: AlertEventsProps) {
  const [filter, setFilter] = useState<StateFilter>("all");
  const events = useAlertEvents({ mci, state: filter === "all" ? undefined : filter, limit: limit ?? (compact ? 50 : 200) });
  const now = useNow();
  const rows = events.data ?? [];
  // A deleted rule leaves its last events as they were (a firing one is never resolved): say so.
  const rules = useAlertRules();
  const ruleIds = rules.data ? new Set(rules.data.map((r) => r.id)) : null;
  const ruleGone = (e: AlertEventView) => ruleIds !== null && !ruleIds.has(e.ruleId);

  return (
    <div data-testid="alert-events" className={compact ? "text-[0.95rem]" : ""}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="radiogroup" aria-label="Show events" className="inline-flex rounded-lg bg-sea p-0.5 ring-1 ring-panel-edge">
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={filter === f}
              data-testid={`event-filter-${f}`}
              onClick={() => setFilter(f)}
              className={`rounded-md px-3 py-1 text-[0.95rem] font-medium capitalize transition-colors ${
                filter === f ? "bg-slate-700 text-white" : "text-slate-300 hover:text-white"
              }`}
            >
              {f}
            </button>
          ))}
        </div>
        <span className="text-sm text-slate-400">
          {events.isPending ? "" : `${rows.length} ${rows.length === 1 ? "event" : "events"} · updated every 5 s`}
        </span>
      </div>

      {events.isError && (
        <p role="alert" className="mt-3 rounded-lg border border-rose-400/50 bg-rose-500/10 px-3 py-2 text-rose-200">
          The alert events could not be loaded: {events.error.message}
        </p>
      )}

      {events.isPending ? (
        <p className="mt-3 py-6 text-center text-slate-300">Loading alert events…</p>
      ) : rows.length === 0 ? (
        <p data-testid="events-empty" className="mt-3 py-6 text-center text-slate-300">
          {filter === "all"
            ? `No alerts yet${mci ? " for this MCI" : ""}. A rule fires here once its condition holds for its “for” time.`
            : `No ${filter} events${mci ? " for this MCI" : ""}.`}
        </p>
      ) : compact ? (
        <ul data-testid="event-list" className="mt-3 divide-y divide-panel-edge/70">
          {rows.map((e) => (
            <li key={e.id} data-testid="event-row" data-state={e.state} data-rule={e.ruleName} className="py-2">
              <div className="flex items-center gap-2">
                <EventStateBadge state={e.state} />
                <span className="min-w-0 flex-1">
                  <EventVm event={e} name={vmNames?.get(e.vm)} onOpenVm={onOpenVm} />
                </span>
                <EventTime at={e.at} now={now} />
              </div>
              <div className="mt-1 flex items-center gap-2 pl-1">
                <span className="min-w-0 flex-1 truncate text-slate-200" title={`${e.agg} ${e.metric}`}>
                  {e.ruleName}
                  {ruleGone(e) && <RuleGone />}
                </span>
                <EventValue event={e} />
                <SeverityBadge severity={e.severity} />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <table data-testid="event-table" className="mt-3 w-full table-fixed text-left">
          <thead className="border-b border-panel-edge text-sm text-slate-400">
            <tr>
              <th className="w-[9%] py-2.5 pr-3 font-medium">State</th>
              <th className="w-[14%] py-2.5 pr-3 font-medium">Time (UTC)</th>
              <th className="w-[18%] py-2.5 pr-3 font-medium">Rule</th>
              <th className="w-[18%] py-2.5 pr-3 font-medium">VM</th>
              <th className="w-[18%] py-2.5 pr-3 font-medium">Value</th>
              <th className="w-[8%] py-2.5 pr-3 font-medium">Severity</th>
              <th className="w-[15%] py-2.5 font-medium">Webhook</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} data-testid="event-row" data-state={e.state} data-rule={e.ruleName} className="border-t border-panel-edge/70 align-top hover:bg-slate-800/40">
                <td className="py-2.5 pr-3">
                  <EventStateBadge state={e.state} />
                </td>
                <td className="py-2.5 pr-3">
                  <EventTime at={e.at} now={now} />
                </td>
                <td className="py-2.5 pr-3">
                  <span className="block truncate text-slate-100" title={e.ruleName}>
                    {e.ruleName}
                  </span>
                  <span className="block truncate text-sm text-slate-400">
                    {e.agg} {e.metric}
                    {ruleGone(e) && <RuleGone />}
                  </span>
                </td>
                <td className="py-2.5 pr-3">
                  <EventVm event={e} name={vmNames?.get(e.vm)} onOpenVm={onOpenVm} />
                  {e.mci && (
                    <span className="block truncate text-sm text-slate-400" title={e.mci}>
                      {mciNames?.get(e.mci) ?? e.mci}
                      {e.namespace && <span className="text-slate-400"> · {e.namespace}</span>}
                    </span>
                  )}
                </td>
                <td className="py-2.5 pr-3">
                  <EventValue event={e} />
                </td>
                <td className="py-2.5 pr-3">
                  <SeverityBadge severity={e.severity} />
                </td>
                <td className="py-2.5">
                  <WebhookStatus status={e.webhookStatus} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RuleGone() {
  return (
    <span data-testid="rule-gone" className="text-sm text-slate-400" title="The rule was deleted; its events stay as they were">
      {" "}
      · rule deleted
    </span>
  );
}
