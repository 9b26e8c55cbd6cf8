"use client";

import Link from "next/link";
import { formatAgo } from "@/components/ui/format-time";
import type { AlertEventView } from "@/lib/validation/monitoring";
import { formatValue } from "./format-rule";

/** Where the event's VM opens: the caller's handler, else its page under the MCI, else nowhere. */
export function EventVm({ event, name, onOpenVm }: { event: AlertEventView; name: string | undefined; onOpenVm?: (vmId: string) => void }) {
  const label = name ?? event.vm;
  const title = name ? `${name} (${event.vm})` : event.vm;
  const style = "block max-w-full truncate font-mono text-[0.95rem] text-sky-200 hover:underline";
  if (onOpenVm)
    return (
      <button type="button" data-testid="event-vm" onClick={() => onOpenVm(event.vm)} className={`${style} text-left`} title={title}>
        {label}
      </button>
    );
  if (event.mci && event.namespace)
    return (
      <Link
        data-testid="event-vm"
        href={`/ns/${encodeURIComponent(event.namespace)}/mci/${encodeURIComponent(event.mci)}/vm/${encodeURIComponent(event.vm)}`}
        className={style}
        title={title}
      >
        {label}
      </Link>
    );
  return (
    <span data-testid="event-vm" className="block truncate font-mono text-[0.95rem] text-slate-100" title={title}>
      {label}
    </span>
  );
}

/** `87.3 %` against `> 80 %`; a VM that stopped reporting has no value. */
export function EventValue({ event }: { event: AlertEventView }) {
  return (
    <span className="whitespace-nowrap tabular-nums">
      {event.value === null ? (
        <span className="text-slate-400" title="The VM sent nothing in the window, left the rule's scope, or the rule was deleted">
          no data
        </span>
      ) : (
        <span className={`font-semibold ${event.state === "firing" ? "text-rose-100" : "text-slate-100"}`}>{formatValue(event.metric, event.value)}</span>
      )}
      <span className="text-slate-400">
        {" "}
        vs {event.op} {formatValue(event.metric, event.threshold)}
      </span>
    </span>
  );
}

export function EventTime({ at, now }: { at: string; now: number }) {
  const ago = formatAgo(at, now);
  return (
    <time dateTime={at} title={`${at.slice(0, 10)} ${at.slice(11, 19)} UTC`} className="whitespace-nowrap tabular-nums text-slate-300">
      {at.slice(11, 19)}
      {ago && <span className="text-slate-400"> · {ago}</span>}
    </time>
  );
}

/** What the webhook answered; nothing when the rule has none or the answer is still on its way. */
export function WebhookStatus({ status }: { status: string | null }) {
  if (!status) return <span className="text-slate-400">—</span>;
  const ok = status.startsWith("delivered");
  return (
    <span data-testid="webhook-status" className={`block truncate text-sm ${ok ? "text-emerald-200" : "text-rose-200"}`} title={status}>
      {status}
    </span>
  );
}
