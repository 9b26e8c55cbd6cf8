import { plural } from "@/lib/core/plural";
import type { ConnectionView, VerifyAnswer } from "@/lib/validation/connections";
import { formatAgo, formatDuration, formatUtc } from "@/components/ui/format-time";

type Props = {
  connection: ConnectionView;
  /** The driver's full answer when this page asked for it; the table otherwise shows what was stored. */
  answer: VerifyAnswer | undefined;
  now: number;
};

/** The last verify: ok or failed, when, the driver's message and, just after a check, its figures. */
export function VerifyStatus({ connection: c, answer, now }: Props) {
  // An answer older than what the server stored (another tab, the API) gives way to the stored one.
  const fresh = answer && (!c.verifiedAt || answer.checkedAt >= c.verifiedAt) ? answer : undefined;
  const ok = fresh ? fresh.ok : c.verifyOk;
  const at = fresh ? fresh.checkedAt : c.verifiedAt;
  const message = fresh ? fresh.message : c.verifyMessage;

  if (ok === null || !at) {
    return (
      <span data-testid="verify-status" data-state="never" className="text-slate-400">
        not verified yet
      </span>
    );
  }
  const ago = formatAgo(at, now);
  return (
    <div className="min-w-0">
      <div className="flex items-center gap-2">
        <span
          data-testid="verify-status"
          data-state={ok ? "ok" : "failed"}
          className={`inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-sm font-semibold ring-1 ${
            ok ? "bg-emerald-500/15 text-emerald-300 ring-emerald-400/40" : "bg-rose-500/15 text-rose-300 ring-rose-400/50"
          }`}
        >
          <span aria-hidden>{ok ? "✓" : "✕"}</span>
          {ok ? "ok" : "failed"}
        </span>
        <time dateTime={at} title={formatUtc(at)} className="text-sm text-slate-400">
          {ago ?? formatUtc(at)}
        </time>
      </div>
      {message && (
        <p data-testid="verify-message" title={message} className={`mt-0.5 line-clamp-3 break-words text-[0.95rem] ${ok ? "text-slate-200" : "text-rose-200"}`}>
          {message}
        </p>
      )}
      {fresh && (
        <p data-testid="verify-details" className="mt-0.5 text-sm tabular-nums text-slate-400">
          {fresh.ok
            ? `${plural(fresh.specCount, "spec")} · ${plural(fresh.imageCount, "image")} · answered in ${formatDuration(fresh.durationMs)}`
            : `${fresh.code ?? "Error"} · answered in ${formatDuration(fresh.durationMs)}`}
        </p>
      )}
    </div>
  );
}
