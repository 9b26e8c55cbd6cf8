"use client";

import { useRef, useState } from "react";
import { plural } from "@/lib/core/plural";
import { makePoint, parseAudienceCsv, PRESETS, type AudiencePoint, type CsvProblem, type PresetId } from "./audience";
import type { City } from "./cities";
import { CitySearch } from "./city-search";

type Props = {
  cities: readonly City[];
  points: readonly AudiencePoint[];
  onAdd: (points: AudiencePoint[]) => void;
  onRemove: (id: number) => void;
  onClear: () => void;
  onPreset: (id: PresetId) => void;
};

const LIST_MAX = 40;

/** Who the placement serves: clicks on the map, cities, a CSV file or a preset. */
export function AudiencePanel({ cities, points, onAdd, onRemove, onClear, onPreset }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<CsvProblem[]>([]);
  const [loaded, setLoaded] = useState<string | null>(null);
  const totalWeight = points.reduce((s, p) => s + p.weight, 0);

  async function upload(file: File) {
    const { points: parsed, problems: bad } = parseAudienceCsv(await file.text());
    setProblems(bad);
    setLoaded(`${file.name}: ${plural(parsed.length, "point")} added${bad.length ? `, ${plural(bad.length, "line")} skipped` : ""}.`);
    if (parsed.length) onAdd(parsed);
  }

  return (
    <section aria-label="Audience" className="space-y-2.5">
      <div className="flex items-baseline justify-between">
        <h2 className="text-lg font-semibold text-white">Audience</h2>
        <p className="text-sm text-slate-300" data-testid="audience-count">
          {plural(points.length, "point")} · weight {Math.round(totalWeight * 100) / 100}
        </p>
      </div>
      <p className="text-[0.95rem] text-slate-300">
        <strong className="text-white">Click the map</strong> to add a participant, click a dot to remove it, or:
      </p>
      <CitySearch cities={cities} onPick={(c) => onAdd([makePoint(c[2], c[3], 1, c[0])])} />
      <div className="flex flex-wrap gap-1.5">
        {PRESETS.map((p) => (
          <button key={p.id} type="button" title={p.hint} onClick={() => onPreset(p.id)} className="rounded-full border border-panel-edge bg-slate-800/60 px-3 py-1 text-sm text-slate-100 hover:border-sky-400">
            {p.label}
          </button>
        ))}
        <button type="button" onClick={() => fileRef.current?.click()} className="rounded-full border border-panel-edge bg-slate-800/60 px-3 py-1 text-sm text-slate-100 hover:border-sky-400" title="lat,lon,weight[,label] per line; header optional">
          Upload CSV…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,text/csv,text/plain"
          data-testid="audience-csv"
          className="hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void upload(file);
          }}
        />
        <button type="button" disabled={points.length === 0} onClick={onClear} className="ml-auto rounded-full px-3 py-1 text-sm text-slate-300 hover:bg-slate-700/60 disabled:opacity-40">
          Clear
        </button>
      </div>
      {loaded && (
        <div data-testid="csv-report" className={`rounded-lg border px-3 py-2 text-sm ${problems.length ? "border-amber-400/50 bg-amber-500/10 text-amber-100" : "border-emerald-400/40 bg-emerald-500/10 text-emerald-100"}`}>
          <p>{loaded}</p>
          {problems.length > 0 && (
            <ul className="mt-1 max-h-24 overflow-y-auto">
              {problems.slice(0, 20).map((p) => (
                <li key={p.line}>
                  line {p.line}: {p.message}
                </li>
              ))}
            </ul>
          )}
          {problems.length > 0 && <p className="mt-1 text-amber-200/80">Fix those lines and upload again; the good ones are already on the map.</p>}
        </div>
      )}
      {points.length > 0 && points.length <= LIST_MAX && (
        <ul data-testid="audience-list" className="flex max-h-32 flex-wrap gap-1 overflow-y-auto">
          {points.map((p) => (
            <li key={p.id} className="flex items-center gap-1 rounded-md bg-slate-800/70 py-0.5 pl-2 pr-0.5 text-sm text-slate-200">
              <span className="max-w-[9rem] truncate">{p.label || `${p.lat.toFixed(1)}, ${p.lon.toFixed(1)}`}</span>
              {p.weight !== 1 && <span className="text-slate-400">×{p.weight}</span>}
              <button type="button" aria-label={`Remove ${p.label || "point"}`} onClick={() => onRemove(p.id)} className="rounded px-1 text-slate-400 hover:bg-slate-700 hover:text-white">
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {points.length > LIST_MAX && <p className="text-sm text-slate-400">Too many to list; click a dot on the map to remove it.</p>}
    </section>
  );
}
