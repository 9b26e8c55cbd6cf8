"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useNow } from "@/components/connections/use-now";
import { fetchJson } from "@/components/api/fetch-json";
import { formatAgo, formatUtc } from "@/components/ui/format-time";
import { plural } from "@/lib/core/plural";
import { commandKeys, commandUrls } from "./command-api";
import { COMMAND_VM_COLOURS, COUNTER_ORDER, statusWord } from "./command-display";
import type { CommandSummary } from "./command-types";

const PAGE = 50;
// Running commands change their counts; the list follows them while one runs.
const RUNNING_POLL_MS = 2_000;
const IDLE_POLL_MS = 10_000;

function HistoryRow({ c, now, onOpen }: { c: CommandSummary; now: number; onOpen: (cid: string) => void }) {
  const counts = COUNTER_ORDER.filter((s) => (c.counts[s] ?? 0) > 0);
  const target = c.vmIds ? plural(c.vmIds.length, "chosen VM") : c.subGroup ? `subgroup ${c.subGroup}` : `every VM (${c.vmCount.toLocaleString("en-US")})`;
  return (
    <li>
      <button
        type="button"
        data-testid="command-history-row"
        data-command-id={c.id}
        data-status={c.status}
        onClick={() => onOpen(c.id)}
        className="block w-full border-b border-panel-edge/50 px-5 py-2 text-left hover:bg-slate-800/50"
      >
        <span className="block truncate font-mono text-[0.95rem] text-white">
          <span aria-hidden className="text-emerald-300">$ </span>
          {c.command.split("\n")[0]}
          {c.command.includes("\n") && <span className="text-slate-400"> …</span>}
        </span>
        <span className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-0.5 text-sm text-slate-400">
          <span className="truncate" title={formatUtc(c.createdAt)}>
            {c.createdBy} · {formatAgo(c.createdAt, now) ?? formatUtc(c.createdAt)} · {target}
          </span>
          <span className="ml-auto flex items-center gap-2 tabular-nums">
            {c.status === "running" && <span className="text-sky-200">running</span>}
            {c.status === "interrupted" && <span className="text-amber-200">interrupted</span>}
            {counts.map((s) => (
              <span key={s} className="inline-flex items-center gap-1 text-slate-200" title={`${c.counts[s]} ${statusWord(s)}`}>
                <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: COMMAND_VM_COLOURS[s] }} />
                {c.counts[s]} {statusWord(s)}
              </span>
            ))}
          </span>
        </span>
      </button>
    </li>
  );
}

/** The MCI's past commands, newest first, with who ran them, when, and how they ended; one opens its output. */
export function CommandHistory({ namespace, mciId, onOpen, empty }: { namespace: string; mciId: string; onOpen: (cid: string) => void; empty: string }) {
  const now = useNow();
  const query = useInfiniteQuery({
    queryKey: commandKeys.history(namespace, mciId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => fetchJson<CommandSummary[]>(`${commandUrls.list(namespace, mciId)}?limit=${PAGE}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ""}`, signal),
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1].id : null),
    refetchInterval: (q) => (q.state.data?.pages[0]?.some((c) => c.status === "running") ? RUNNING_POLL_MS : IDLE_POLL_MS),
  });
  const commands = query.data?.pages.flat() ?? [];

  return (
    <section aria-label="Past commands" className="flex min-h-0 flex-1 flex-col">
      <h3 className="px-5 pb-1 pt-3 text-sm font-medium uppercase tracking-wide text-slate-400">Past commands</h3>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {query.isPending ? (
          <p className="px-5 py-2 text-slate-300">Loading the commands…</p>
        ) : query.error && commands.length === 0 ? (
          <p role="alert" className="px-5 py-2 text-rose-100">
            The commands could not be loaded: {query.error.message}
          </p>
        ) : commands.length === 0 ? (
          <p data-testid="command-history-empty" className="px-5 py-2 text-slate-300">
            {empty}
          </p>
        ) : (
          <ul data-testid="command-history">
            {commands.map((c) => (
              <HistoryRow key={c.id} c={c} now={now} onOpen={onOpen} />
            ))}
          </ul>
        )}
        {query.hasNextPage && (
          <div className="px-5 py-2">
            <button type="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()} className="text-sm text-sky-300 hover:underline disabled:opacity-50">
              {query.isFetchingNextPage ? "Loading…" : "Older commands"}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
