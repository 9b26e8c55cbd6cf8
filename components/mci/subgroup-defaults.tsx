import { NumberField } from "./number-field";
import type { SubgroupDraft } from "./subgroup-draft";

/** What every subgroup follows unless changed on its own: the count and the limits the cheapest fitting spec is picked by. */
export function SubgroupDefaults({
  defaults,
  customized,
  onChange,
  onApplyToAll,
}: {
  defaults: SubgroupDraft;
  /** Whether some subgroup has settings of its own (then "Apply to all" resets them). */
  customized: boolean;
  onChange: (patch: Partial<SubgroupDraft>) => void;
  onApplyToAll: () => void;
}) {
  return (
    <section aria-label="Every subgroup" className="mt-4 rounded-lg border border-panel-edge bg-slate-800/30 p-3">
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-white">Every subgroup</h2>
        <button
          type="button"
          disabled={!customized}
          onClick={onApplyToAll}
          className="rounded px-2 py-0.5 text-sm text-slate-300 hover:bg-slate-700/60 disabled:opacity-40"
          title="Make every subgroup follow these settings again"
        >
          Apply to all
        </button>
      </div>
      <p className="text-sm text-slate-400">Subgroups you have not changed follow these; the cheapest spec that fits is picked in each region.</p>
      <div className="mt-2 grid grid-cols-[5.5rem_1fr_1fr_1fr] gap-2">
        <NumberField label="VMs" value={defaults.count} min={1} max={100} integer onChange={(n) => n !== null && onChange({ count: n })} testId="default-count" />
        <NumberField label="Min vCPU" value={defaults.minVcpu} min={0} integer onChange={(n) => n !== null && onChange({ minVcpu: n })} />
        <NumberField label="Min memory" unit="GiB" value={defaults.minMemoryGiB} min={0} step={0.5} onChange={(n) => n !== null && onChange({ minMemoryGiB: n })} />
        <NumberField label="Max price" unit="$/h" value={defaults.maxPrice} min={0} step={0.01} optional placeholder="any" onChange={(n) => onChange({ maxPrice: n })} />
      </div>
    </section>
  );
}
