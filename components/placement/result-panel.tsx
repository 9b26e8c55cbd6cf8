"use client";

import { formatMs, formatPrice } from "@/components/map/format";
import { plural } from "@/lib/core/plural";
import type { MapRegion } from "@/components/map/use-catalogue";
import { providerColour } from "@/lib/core/palette";
import type { AudiencePoint } from "./audience";
import { LatencyHistogram } from "./latency-histogram";
import { solverVerdict, type PlacementAnswer } from "./placement-format";

export type RegionRow = { key: string; region: MapRegion | undefined; users: number; weight: number; meanMs: number; maxMs: number };

/** Users served, weight and RTTs per chosen region, from the answer's assignment. */
export function regionRows(answer: PlacementAnswer, points: readonly AudiencePoint[], byKey: ReadonlyMap<string, MapRegion>): RegionRow[] {
  return answer.regions.map((key) => {
    const served = answer.assignment.filter((a) => a.region === key);
    const weight = served.reduce((s, a) => s + (points[a.user]?.weight ?? 1), 0);
    const meanMs = weight ? served.reduce((s, a) => s + a.rttMs * (points[a.user]?.weight ?? 1), 0) / weight : 0;
    return { key, region: byKey.get(key), users: served.length, weight, meanMs, maxMs: Math.max(0, ...served.map((a) => a.rttMs)) };
  });
}

type Props = { answer: PlacementAnswer; points: readonly AudiencePoint[]; rows: readonly RegionRow[] };

export function ResultPanel({ answer, points, rows }: Props) {
  const samples = answer.assignment.map((a) => ({ rttMs: a.rttMs, weight: points[a.user]?.weight ?? 1 }));
  const source = answer.assignment.some((a) => a.source === "measured") ? "partly measured" : "estimated";
  const { solver } = answer;
  const verdict = solverVerdict(solver);
  return (
    <section aria-label="Result" data-testid="placement-result" className="space-y-3">
      <h2 className="text-lg font-semibold text-white">Result</h2>
      <dl className="grid grid-cols-3 gap-2 text-center">
        {[
          ["mean", answer.stats.meanMs],
          ["p95", answer.stats.p95Ms],
          ["worst", answer.stats.maxMs],
        ].map(([label, ms]) => (
          <div key={label} className="rounded-lg border border-panel-edge bg-slate-800/40 py-1.5">
            <dt className="text-sm text-slate-400">{label} RTT</dt>
            <dd className="text-2xl font-semibold tabular-nums text-white">{formatMs(ms as number)}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-400">User → region round trips are {source} (distance model plus access).</p>
      <p data-testid="solver" className="text-[0.95rem] text-slate-300">
        Solver <span className="font-mono text-slate-100">{solver.method}</span> ·{" "}
        <span data-testid="solver-verdict" className={verdict.proven ? "font-semibold text-emerald-300" : "text-amber-200"}>
          {verdict.text}
        </span>{" "}
        · {solver.ms < 1000 ? `${Math.round(solver.ms)} ms` : `${(solver.ms / 1000).toFixed(1)} s`}
        {answer.costPerHour !== undefined && <> · {formatPrice(answer.costPerHour)} for one VM per region</>}
      </p>
      <LatencyHistogram samples={samples} />
      <table data-testid="region-table" className="w-full text-left text-[0.95rem]">
        <thead className="text-sm text-slate-400">
          <tr>
            <th className="py-1 font-medium">Region</th>
            <th className="py-1 text-right font-medium">Users</th>
            <th className="py-1 text-right font-medium">Mean</th>
            <th className="py-1 text-right font-medium">Worst</th>
            <th className="py-1 pl-3 font-medium">Spec</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const spec = answer.specs[r.key];
            return (
              <tr key={r.key} data-region={r.key} className="border-t border-panel-edge/70 align-top">
                <td className="py-1.5 pr-2">
                  <span className="flex items-center gap-2">
                    <span aria-hidden className="h-3 w-3 shrink-0 rounded-full ring-2 ring-white" style={{ backgroundColor: providerColour(r.region?.provider ?? "") }} />
                    <span className="min-w-0">
                      <span className="block truncate text-white">{r.region?.name ?? r.key}</span>
                      <span className="block truncate font-mono text-xs text-slate-400">{r.key}</span>
                    </span>
                  </span>
                </td>
                <td className="whitespace-nowrap py-1.5 pl-2 text-right tabular-nums">
                  {r.users}
                  {r.weight !== r.users && <span className="block text-xs text-slate-400">weight {Math.round(r.weight * 10) / 10}</span>}
                </td>
                <td className="whitespace-nowrap py-1.5 pl-2 text-right tabular-nums">{formatMs(r.meanMs)}</td>
                <td className="whitespace-nowrap py-1.5 pl-2 text-right tabular-nums">{formatMs(r.maxMs)}</td>
                <td className="max-w-[9rem] py-1.5 pl-3">
                  {spec ? (
                    <>
                      <span className="block truncate text-slate-100">{spec.name}</span>
                      <span className="block text-xs tabular-nums text-emerald-200">{formatPrice(spec.pricePerHour)}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {answer.links.length > 0 && (
        <div>
          <h3 className="text-sm font-medium text-slate-300">Links between the chosen regions</h3>
          <ul className="mt-1 text-sm text-slate-300">
            {answer.links.slice(0, 12).map((l) => (
              <li key={`${l.from}-${l.to}`} className="flex justify-between gap-3">
                <span className="truncate font-mono text-xs leading-5">
                  {l.from} ↔ {l.to}
                </span>
                <span className="shrink-0">
                  <span className="tabular-nums text-white">{formatMs(l.rttMs)}</span> <span className={l.source === "measured" ? "text-emerald-300" : "text-slate-400"}>({l.source})</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {answer.worstPair && (
        <p className="text-sm text-slate-300">
          Worst pair: users {answer.worstPair.users.map((u) => points[u]?.label || `#${u + 1}`).join(" and ")} via {answer.worstPair.regions.join(" → ")}, {formatMs(answer.worstPair.oneWayMs)} one way (estimated access, links as listed).
        </p>
      )}
      <p className="text-sm text-slate-400">{plural(points.length, "user")} placed.</p>
    </section>
  );
}
