"use client";

import type { ProviderSummary } from "@/components/map/use-catalogue";
import { NumberField } from "@/components/mci/number-field";
import { providerColour } from "@/lib/core/palette";
import { OBJECTIVE_TEXT, type Objective } from "./placement-format";

export type Constraints = {
  k: number;
  kMode: "exactly" | "upTo";
  objective: Objective;
  /** Empty: every provider. */
  providers: string[];
  vcpu: number | null;
  memoryGiB: number | null;
  maxPricePerHour: number | null;
  costWeight: number;
};

export const DEFAULT_CONSTRAINTS: Constraints = { k: 3, kMode: "exactly", objective: "mean", providers: [], vcpu: 2, memoryGiB: 4, maxPricePerHour: null, costWeight: 0 };

type Props = { value: Constraints; providers: readonly ProviderSummary[]; onChange: (patch: Partial<Constraints>) => void };

const OBJECTIVES: Objective[] = ["mean", "p95", "max", "conference"];

/** What the engine optimises and what it may choose from. */
export function ConstraintsForm({ value, providers, onChange }: Props) {
  const toggleProvider = (id: string) => onChange({ providers: value.providers.includes(id) ? value.providers.filter((p) => p !== id) : [...value.providers, id] });
  return (
    <section aria-label="Constraints" className="space-y-3">
      <h2 className="text-lg font-semibold text-white">Goal and constraints</h2>
      <div role="radiogroup" aria-label="Objective" className="grid grid-cols-4 gap-1.5">
        {OBJECTIVES.map((o) => (
          <button
            key={o}
            type="button"
            role="radio"
            aria-checked={value.objective === o}
            onClick={() => onChange({ objective: o })}
            className={`rounded-md border px-2 py-1.5 text-[0.95rem] font-medium ${value.objective === o ? "border-sky-400 bg-sky-500/15 text-white" : "border-panel-edge text-slate-300 hover:bg-slate-700/50"}`}
          >
            {OBJECTIVE_TEXT[o].label}
          </button>
        ))}
      </div>
      <p className="text-[0.95rem] text-slate-300" data-testid="objective-hint">
        Minimise the <strong className="text-white">{OBJECTIVE_TEXT[value.objective].figure}</strong>: {OBJECTIVE_TEXT[value.objective].hint}.
      </p>
      <div className="flex items-end gap-3">
        <NumberField label="Regions (k)" value={value.k} min={1} max={50} integer onChange={(n) => n !== null && onChange({ k: n })} testId="placement-k" className="w-32" />
        <div role="radiogroup" aria-label="How many regions" className="flex overflow-hidden rounded-md border border-panel-edge">
          {(["exactly", "upTo"] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={value.kMode === m}
              onClick={() => onChange({ kMode: m })}
              className={`px-3 py-1.5 text-[0.95rem] ${value.kMode === m ? "bg-sky-500/20 text-white" : "text-slate-300 hover:bg-slate-700/50"}`}
            >
              {m === "exactly" ? `exactly ${value.k}` : `up to ${value.k}`}
            </button>
          ))}
        </div>
      </div>
      <div>
        <p className="mb-1 text-sm text-slate-300">
          Providers <span className="text-slate-400">({value.providers.length ? `${value.providers.length} chosen` : "all with a connection"})</span>
        </p>
        <div className="flex flex-wrap gap-1.5">
          {providers.map((p) => {
            const on = value.providers.includes(p.id);
            return (
              <button
                key={p.id}
                type="button"
                aria-pressed={on}
                onClick={() => toggleProvider(p.id)}
                className={`flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm ${on ? "border-sky-400 bg-sky-500/15 text-white" : "border-panel-edge text-slate-300 hover:bg-slate-700/50"}`}
              >
                <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: providerColour(p.id) }} />
                {p.id}
              </button>
            );
          })}
        </div>
      </div>
      <div className="grid grid-cols-3 gap-2">
        <NumberField label="Min vCPU" value={value.vcpu} min={1} integer optional placeholder="any" onChange={(n) => onChange({ vcpu: n })} />
        <NumberField label="Min memory" unit="GiB" value={value.memoryGiB} min={0.5} step={0.5} optional placeholder="any" onChange={(n) => onChange({ memoryGiB: n })} />
        <NumberField label="Max price" unit="$/h" value={value.maxPricePerHour} min={0.001} step={0.01} optional placeholder="any" onChange={(n) => onChange({ maxPricePerHour: n })} />
      </div>
      <label className="block">
        <span className="flex justify-between text-sm text-slate-300">
          <span>Cost weight</span>
          <span className="tabular-nums text-slate-200">{value.costWeight === 0 ? "latency only" : `${value.costWeight} ms per $1/h`}</span>
        </span>
        <input type="range" min={0} max={2000} step={50} value={value.costWeight} onChange={(e) => onChange({ costWeight: Number(e.target.value) })} className="w-full accent-sky-500" aria-label="Cost weight" />
      </label>
    </section>
  );
}
