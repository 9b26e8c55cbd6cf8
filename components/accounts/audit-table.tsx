import { MethodBadge } from "@/components/api-docs/method-badge";
import { formatUtc } from "@/components/ui/format-time";
import type { AuditEntry } from "./account-types";
import { TD, TH } from "./section-card";

/** `refused: this needs the admin role…` → the word and the reason; anything not refused is ok. */
function resultOf(result: string): { ok: boolean; reason: string | null } {
  if (result === "ok") return { ok: true, reason: null };
  const m = /^refused:\s*(.*)$/s.exec(result);
  return { ok: false, reason: m ? m[1] : result };
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  const [method, ...rest] = entry.action.split(" ");
  const path = rest.join(" ");
  const result = resultOf(entry.result);
  return (
    <tr data-testid="audit-row" data-action={entry.action} data-actor={entry.actor} data-result={result.ok ? "ok" : "refused"} className="border-t border-panel-edge/70 align-top hover:bg-slate-800/40">
      <td className={`${TD} whitespace-nowrap tabular-nums text-slate-200`}>{formatUtc(entry.at)}</td>
      <td className={TD}>
        <span className="block truncate text-white" title={entry.actor}>
          {entry.actor}
        </span>
        <span className="block text-sm text-slate-400">
          {entry.role}
          {entry.tokenId ? " · token" : ""}
        </span>
      </td>
      <td className={TD}>
        <span className="flex min-w-0 items-center gap-2">
          {path ? <MethodBadge method={method.toLowerCase()} size="sm" /> : null}
          <span className="truncate font-mono text-[0.95rem] text-slate-100" title={entry.action}>
            {path || entry.action}
          </span>
        </span>
      </td>
      <td className={TD}>
        <span className="block truncate font-mono text-[0.95rem] text-slate-200" title={entry.target}>
          {entry.target}
        </span>
      </td>
      <td className={TD}>
        <span className="flex items-center gap-2">
          <span
            className={`rounded-full px-2 py-px text-sm font-medium ring-1 ${result.ok ? "bg-emerald-400/15 text-emerald-200 ring-emerald-300/40" : "bg-rose-400/15 text-rose-200 ring-rose-300/40"}`}
          >
            {result.ok ? "ok" : "refused"}
          </span>
          <span className="tabular-nums text-slate-300">{entry.status}</span>
        </span>
        {result.reason && (
          <span className="mt-0.5 line-clamp-2 block text-sm text-rose-200/90" title={result.reason}>
            {result.reason}
          </span>
        )}
      </td>
      <td className={`${TD} font-mono text-[0.95rem] text-slate-300`}>{entry.source ?? "—"}</td>
    </tr>
  );
}

/** The audit log, newest first: when, who (and with which role), what, on what, and how it ended. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <table data-testid="audit-table" className="w-full table-fixed text-left">
      <thead className="text-sm text-slate-400">
        <tr>
          <th className={`${TH} w-[15.5rem]`}>Time</th>
          <th className={`${TH} w-[17%]`}>Actor</th>
          <th className={`${TH} w-[22%]`}>Action</th>
          <th className={`${TH} w-[20%]`}>Target</th>
          <th className={TH}>Result</th>
          <th className={`${TH} w-[8rem]`}>Source</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <EntryRow key={e.id} entry={e} />
        ))}
      </tbody>
    </table>
  );
}
