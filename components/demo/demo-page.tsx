"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { formatUtc } from "@/components/ui/format-time";
import { plural } from "@/lib/core/plural";
import { cleanUpNamespace } from "./cleanup";
import { parseDemoNamespace } from "./demo-namespace";
import { TOURS, tourById } from "./tours";

type Leftover = { name: string; mciCount: number; tour: string; startedAt: Date };

/** /demo: the two guided tours, and what an interrupted tour left behind, with a button to clean it up. */
export function DemoPage() {
  const [cleaning, setCleaning] = useState<Record<string, string>>({});
  const namespaces = useQuery({ queryKey: ["demo", "namespaces"], queryFn: ({ signal }) => fetchJson<{ name: string; mciCount: number }[]>("/api/v1/namespaces", signal), staleTime: 0 });
  const leftovers: Leftover[] | null = namespaces.data
    ? namespaces.data.flatMap((n) => {
        const d = parseDemoNamespace(n.name);
        return d ? [{ name: n.name, mciCount: n.mciCount, tour: tourById(d.tour)?.title ?? d.tour, startedAt: d.startedAt }] : [];
      })
    : null;
  const error = namespaces.error ? namespaces.error.message : null;

  const clean = (name: string) => {
    setCleaning((c) => ({ ...c, [name]: "starting" }));
    cleanUpNamespace(name, (words) => setCleaning((c) => ({ ...c, [name]: words })))
      .then(() => namespaces.refetch())
      .catch((e: unknown) => setCleaning((c) => ({ ...c, [name]: `failed: ${e instanceof Error ? e.message : String(e)}` })));
  };

  return (
    <div className="mx-auto max-w-5xl space-y-8 px-6 py-8">
      <header>
        <h1 className="text-3xl font-semibold text-white">Guided demos</h1>
        <p className="mt-1 text-lg text-slate-300">
          Two stories told on the live console, full screen, step by step: each tour calls the same API a user would, in a namespace of its own that it removes at the end. Space starts and pauses, → and ← move between steps, Esc leaves.
        </p>
      </header>

      <ul className="grid gap-6 md:grid-cols-2">
        {TOURS.map((t) => (
          <li key={t.id} data-testid="demo-tour" data-tour={t.id} className="flex flex-col rounded-2xl border border-panel-edge bg-panel p-5">
            <h2 className="text-2xl font-semibold text-white">{t.title}</h2>
            <p className="mt-1 text-slate-300">{t.summary}</p>
            <p className="mt-2 text-sm text-slate-400">About {t.minutes} minutes with the default simulator settings</p>
            <ol className="mt-3 flex-1 list-decimal space-y-1 pl-5 text-slate-200">
              {t.steps.map((s) => (
                <li key={s.id}>{s.title}</li>
              ))}
            </ol>
            <div className="mt-4 flex gap-3">
              <Link href={`/demo/${t.id}`} className="rounded-lg bg-sky-500 px-4 py-2 font-semibold text-slate-950 hover:bg-sky-400">
                Open the tour
              </Link>
              <Link href={`/demo/${t.id}?autoplay=1`} className="rounded-lg border border-slate-500 px-4 py-2 text-slate-200 hover:bg-white/10">
                Play unattended
              </Link>
            </div>
          </li>
        ))}
      </ul>

      <section aria-labelledby="leftovers" className="rounded-2xl border border-panel-edge bg-panel p-5">
        <h2 id="leftovers" className="text-xl font-semibold text-white">Left behind by interrupted tours</h2>
        {error && <p role="alert" className="mt-2 text-rose-300">{error}</p>}
        {leftovers === null && !error && <p className="mt-2 text-slate-400">Looking…</p>}
        {leftovers?.length === 0 && <p data-testid="demo-no-leftovers" className="mt-2 text-slate-400">Nothing: every tour cleaned up after itself.</p>}
        <ul className="mt-3 space-y-2">
          {leftovers?.map((l) => (
            <li key={l.name} data-testid="demo-leftover" data-namespace={l.name} className="flex flex-wrap items-center gap-3 rounded-lg bg-slate-800/60 px-3 py-2">
              <span className="font-mono text-slate-100">{l.name}</span>
              <span className="text-slate-400">
                {l.tour}, started {formatUtc(l.startedAt.toISOString())}, {plural(l.mciCount, "MCI")}
              </span>
              <span className="flex-1 text-sm text-sky-200">{cleaning[l.name] ?? ""}</span>
              <button type="button" onClick={() => clean(l.name)} disabled={Boolean(cleaning[l.name])} className="rounded-lg border border-rose-400/60 px-3 py-1 text-rose-200 hover:bg-rose-500/10 disabled:opacity-50">
                Clean up
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
