"use client";

import { formatClock } from "@/components/ui/format-time";
import type { MciEvent } from "./use-mci";

const LEVEL_STYLE: Record<string, string> = {
  error: "bg-rose-400",
  warn: "bg-amber-300",
  info: "bg-sky-400",
};

// A 1,000-VM deployment writes thousands of lines; the newest ones are what an operator reads.
const MAX_SHOWN = 300;

type Props = { events: readonly MciEvent[] | undefined; error: Error | null; vmNames: ReadonlyMap<string, string>; onOpenVm: (id: string) => void };

/** What happened to the MCI, newest first: deployments, actions, failures with their reasons. */
export function EventLog({ events, error, vmNames, onOpenVm }: Props) {
  if (!events) {
    return <p className="px-5 py-4 text-slate-300">{error ? `The event log could not be loaded: ${error.message} It retries by itself.` : "Loading the event log…"}</p>;
  }
  if (events.length === 0) return <p className="px-5 py-4 text-slate-300">Nothing has happened yet.</p>;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <ol data-testid="event-log" className="divide-y divide-panel-edge/50">
        {events.slice(0, MAX_SHOWN).map((e) => (
          <li key={e.id} data-testid="event" data-level={e.level} className="flex gap-3 px-5 py-1.5">
            <span aria-hidden className={`mt-2 h-2 w-2 shrink-0 rounded-full ${LEVEL_STYLE[e.level] ?? LEVEL_STYLE.info}`} />
            <time dateTime={e.at} title={`${e.at.slice(0, 10)} ${formatClock(e.at, true)} UTC`} className="shrink-0 pt-px font-mono text-sm tabular-nums text-slate-400">
              {formatClock(e.at)}
            </time>
            <p className={`min-w-0 flex-1 break-words text-[0.95rem] ${e.level === "error" ? "text-rose-200" : e.level === "warn" ? "text-amber-100" : "text-slate-200"}`}>
              {e.message}
              {e.vmId && vmNames.has(e.vmId) && (
                <button type="button" onClick={() => onOpenVm(e.vmId!)} className="ml-2 text-sm text-sky-300 hover:underline">
                  open {vmNames.get(e.vmId)}
                </button>
              )}
            </p>
          </li>
        ))}
      </ol>
      {events.length > MAX_SHOWN && <p className="px-5 py-2 text-sm text-slate-400">Showing the newest {MAX_SHOWN} of {events.length} events.</p>}
    </div>
  );
}
