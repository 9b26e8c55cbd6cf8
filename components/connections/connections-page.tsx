"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import type { ConnectionView, VerifyAnswer } from "@/lib/validation/connections";
import { AddConnectionForm } from "./add-connection-form";
import type { ProviderChoice } from "./catalogue-choices";
import { ConnectionTable } from "./connection-table";
import { filterConnections, type Names } from "./filter-connections";

type Props = {
  connections: readonly ConnectionView[];
  providers: readonly ProviderChoice[];
  drivers: readonly string[];
};

type Notice = { tone: "ok" | "info"; text: string };

function countBy(list: readonly ConnectionView[], pick: (c: ConnectionView) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of list) counts.set(pick(c), (counts.get(pick(c)) ?? 0) + 1);
  return counts;
}

/** Every connection with its last verify, the form that adds one, and per-row Verify / Remove (each shown to the roles that may use it). */
export function ConnectionsPage({ connections, providers, drivers }: Props) {
  const ep = useEndpoints().connections;
  const canAdd = useCan(ep.createConnection.access);
  const [filter, setFilter] = useState("");
  const [provider, setProvider] = useState("all");
  const [answers, setAnswers] = useState<Record<string, VerifyAnswer>>({});
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const names = useMemo<Names>(
    () => ({
      provider: new Map(providers.map((p) => [p.id, p.name])),
      region: new Map(providers.flatMap((p) => p.regions.map((r) => [`${p.id}-${r.region}`, r.name] as const))),
    }),
    [providers],
  );
  const rows = useMemo(() => filterConnections(connections, filter, provider, names), [connections, filter, provider, names]);
  const perProvider = useMemo(() => countBy(connections, (c) => c.provider), [connections]);
  const verified = useMemo(() => countBy(connections, (c) => (c.verifyOk === null ? "never" : c.verifyOk ? "ok" : "failed")), [connections]);
  const filtering = filter.trim() !== "" || provider !== "all";

  const onAdded = useCallback(
    (c: ConnectionView) => {
      // The new row must be visible: drop the filters that would hide it.
      if (filterConnections([c], filter, provider, names).length === 0) {
        setFilter("");
        setProvider("all");
      }
      setHighlighted(c.name);
      setNotice({ tone: "ok", text: `Added ${c.name} (${c.provider} ${c.region}, ${c.driver}). Verify it to see what its driver answers.` });
    },
    [filter, provider, names],
  );
  const onVerified = useCallback((a: VerifyAnswer) => setAnswers((prev) => ({ ...prev, [a.connection]: a })), []);
  const onRemoved = useCallback((name: string) => {
    setAnswers((prev) => {
      const next = { ...prev };
      delete next[name];
      return next;
    });
    setHighlighted((h) => (h === name ? null : h));
    setNotice({ tone: "info", text: `Removed ${name}.` });
  }, []);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 8000);
    return () => clearTimeout(timer);
  }, [notice]);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const typing = e.target instanceof HTMLElement && e.target.closest("input, textarea, select, [contenteditable='true']");
      if (e.key === "/" && !typing && !e.metaKey && !e.ctrlKey && !e.altKey) {
        e.preventDefault();
        filterRef.current?.focus();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div className="mx-auto max-w-[92rem] px-6 pb-16 pt-6">
      <header className="flex flex-wrap items-end justify-between gap-x-8 gap-y-2">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-white">Connections</h1>
          <p className="mt-1 max-w-3xl text-slate-300">
            A connection is a provider, a region and a credential: every driver call is made against one.
          </p>
        </div>
        <p className="text-lg text-slate-300">
          <span data-testid="connection-count" className="font-semibold tabular-nums text-white">
            {connections.length}
          </span>{" "}
          {connections.length === 1 ? "connection" : "connections"}
          <span className="text-slate-500"> · </span>
          <span className="tabular-nums text-emerald-300">{verified.get("ok") ?? 0}</span> ok
          <span className="text-slate-500"> · </span>
          <span className="tabular-nums text-rose-300">{verified.get("failed") ?? 0}</span> failed
          <span className="text-slate-500"> · </span>
          <span className="tabular-nums">{verified.get("never") ?? 0}</span> not verified
        </p>
      </header>

      {canAdd && (
        <div className="mt-5">
          <AddConnectionForm providers={providers} drivers={drivers} onAdded={onAdded} />
        </div>
      )}

      {/* Fixed at the bottom: the row that changed may be far down the list, the news must be in view. */}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-6 z-50 flex justify-center px-4">
        {notice && (
          <p
            data-testid="notice"
            className={`pointer-events-auto flex max-w-3xl items-center gap-4 rounded-xl border px-5 py-3 text-base shadow-2xl backdrop-blur ${
              notice.tone === "ok" ? "border-emerald-400/50 bg-[#0f2a22]/95 text-emerald-100" : "border-panel-edge bg-panel/95 text-slate-100"
            }`}
          >
            <span className="flex-1">{notice.text}</span>
            <button type="button" onClick={() => setNotice(null)} className="text-sm text-slate-300 hover:text-white" aria-label="Dismiss">
              ✕
            </button>
          </p>
        )}
      </div>

      <section aria-label="Connection list" className="mt-5 rounded-xl border border-panel-edge bg-panel">
        <div className="flex flex-wrap items-center gap-3 border-b border-panel-edge px-4 py-3">
          <div className="flex min-w-[18rem] flex-1 items-center rounded-lg border border-panel-edge bg-sea focus-within:border-sky-400">
            <svg aria-hidden viewBox="0 0 20 20" className="ml-3 h-5 w-5 shrink-0 fill-slate-400">
              <path d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64-1.06 1.06-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
            </svg>
            <input
              ref={filterRef}
              type="search"
              data-testid="connection-filter"
              aria-label="Filter connections"
              value={filter}
              autoComplete="off"
              spellCheck={false}
              placeholder="Filter: name, region, city, credential"
              onChange={(e) => setFilter(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape" && filter) {
                  e.preventDefault();
                  setFilter("");
                }
              }}
              className="min-w-0 flex-1 bg-transparent px-3 py-2 text-base text-white placeholder:text-slate-500 focus:outline-none"
            />
            <kbd className="mr-3 rounded border border-slate-600 px-1.5 text-sm text-slate-400" title="Press / to filter">
              /
            </kbd>
          </div>
          <label className="flex items-center gap-2 text-slate-300">
            Provider
            <select
              data-testid="provider-filter"
              value={provider}
              onChange={(e) => setProvider(e.target.value)}
              className="rounded-lg border border-panel-edge bg-sea px-3 py-2 text-base text-white focus:border-sky-400 focus:outline-none"
            >
              <option value="all">All providers ({connections.length})</option>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id} ({perProvider.get(p.id) ?? 0})
                </option>
              ))}
            </select>
          </label>
          <p className="ml-auto text-slate-300" data-testid="shown-count">
            {filtering ? (
              <>
                Showing <span className="font-semibold tabular-nums text-white">{rows.length}</span> of{" "}
                <span className="tabular-nums">{connections.length}</span>
              </>
            ) : (
              <>
                Showing all <span className="font-semibold tabular-nums text-white">{rows.length}</span>
              </>
            )}
          </p>
        </div>

        {connections.length === 0 ? (
          <div data-testid="empty-state" className="px-6 py-12 text-center">
            <p className="text-xl font-semibold text-white">No connections yet</p>
            {canAdd ? (
              <p className="mx-auto mt-2 max-w-xl text-slate-300">
                Begin with the form above: choose a provider, then one of its regions, and press <strong>Add connection</strong>. The
                built-in simulator (driver <span className="font-mono">sim</span>) needs no cloud account. Then press{" "}
                <strong>Verify</strong> on the new row to see what the driver answers.
              </p>
            ) : (
              <p className="mx-auto mt-2 max-w-xl text-slate-300">An admin adds connections; they appear here once made.</p>
            )}
          </div>
        ) : rows.length === 0 ? (
          <div data-testid="no-match" className="px-6 py-10 text-center text-slate-300">
            <p>
              No connection matches{filter.trim() ? <> “{filter.trim()}”</> : null}
              {provider !== "all" ? <> for {names.provider.get(provider) ?? provider}</> : null}.
            </p>
            <button
              type="button"
              onClick={() => {
                setFilter("");
                setProvider("all");
              }}
              className="mt-3 rounded-lg bg-slate-700 px-4 py-1.5 font-medium text-white hover:bg-slate-600"
            >
              Clear the filters
            </button>
          </div>
        ) : (
          <ConnectionTable rows={rows} names={names} answers={answers} highlighted={highlighted} onVerified={onVerified} onRemoved={onRemoved} />
        )}
      </section>
    </div>
  );
}
