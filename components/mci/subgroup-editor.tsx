"use client";

import { memo } from "react";
import { formatGiB, formatPrice } from "@/components/map/format";
import { providerColour } from "@/lib/core/palette";
import type { Spec } from "@/lib/core/types";
import { MAX_VMS_PER_SUBGROUP } from "@/lib/validation/mci";
import { NumberField } from "./number-field";
import type { ResolvedSubgroup, SubgroupDraft } from "./subgroup-draft";

type Props = {
  regionKey: string;
  regionName: string;
  provider: string;
  resolved: ResolvedSubgroup;
  /** True when this subgroup no longer follows the "every subgroup" settings. */
  customized: boolean;
  onChange: (key: string, draft: SubgroupDraft) => void;
  onReset?: (key: string) => void;
  onRemove?: (key: string) => void;
};

// A select with hundreds of options is slow to open on a projector laptop; the filters narrow instead.
const MAX_OPTIONS = 80;

function specLabel(s: Spec): string {
  const gpu = s.accelerator ? ` · ${s.accelerator.count}× ${s.accelerator.model}` : "";
  return `${s.name} · ${s.vcpu} vCPU · ${formatGiB(s.memoryGiB)} · ${formatPrice(s.pricePerHour)}${gpu}`;
}

/** One subgroup: how many VMs, of which spec (the cheapest that fits, unless chosen), booting which image. */
export const SubgroupEditor = memo(function SubgroupEditor({ regionKey, regionName, provider, resolved, customized, onChange, onReset, onRemove }: Props) {
  const { draft, fits, spec, suggested, images, image, problem, loading } = resolved;
  const set = (patch: Partial<SubgroupDraft>) => onChange(regionKey, { ...draft, ...patch });
  // Changing a filter drops an explicit choice, so the suggestion follows the new filters.
  const setFilter = (patch: Partial<SubgroupDraft>) => set({ ...patch, specId: null });
  const options = fits.slice(0, MAX_OPTIONS);
  if (spec && !options.some((s) => s.id === spec.id)) options.unshift(spec);

  return (
    <li
      data-testid="subgroup-editor"
      data-region={regionKey}
      data-spec={spec?.id ?? ""}
      className={`rounded-lg border bg-sea/60 p-3 ${problem ? "border-rose-400/60" : "border-panel-edge"}`}
    >
      <div className="flex items-start gap-2">
        <span aria-hidden className="mt-1.5 h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: providerColour(provider) }} />
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium text-white" title={regionName}>
            {regionName}
          </p>
          <p className="truncate font-mono text-sm text-slate-400">{regionKey}</p>
        </div>
        {customized && onReset && (
          <button type="button" onClick={() => onReset(regionKey)} className="rounded px-2 py-0.5 text-sm text-slate-300 hover:bg-slate-700/60" title="Follow the settings for every subgroup again">
            Reset
          </button>
        )}
        {onRemove && (
          <button
            type="button"
            onClick={() => onRemove(regionKey)}
            aria-label={`Remove ${regionKey}`}
            title="Remove this region"
            className="rounded px-2 text-xl leading-none text-slate-400 hover:bg-slate-700/60 hover:text-white"
          >
            ×
          </button>
        )}
      </div>

      {resolved.hostPool ? (
        <div className="mt-2 grid grid-cols-[5.5rem_1fr] items-end gap-2">
          <NumberField label="VMs" value={draft.count} min={1} max={MAX_VMS_PER_SUBGROUP} integer onChange={(n) => n !== null && set({ count: n })} testId="subgroup-count" />
          <p className="pb-1 text-sm text-slate-300" data-testid="host-pool-note">
            Your own servers: takes {draft.count === 1 ? "one free host" : `${draft.count} free hosts`} as they are; vCPU, memory and OS are read from them.
          </p>
        </div>
      ) : (
      <>
      <div className="mt-2 grid grid-cols-[5.5rem_1fr_1fr_1fr] gap-2">
        <NumberField
          label="VMs"
          value={draft.count}
          min={1}
          max={MAX_VMS_PER_SUBGROUP}
          integer
          onChange={(n) => n !== null && set({ count: n })}
          testId="subgroup-count"
        />
        <NumberField label="Min vCPU" value={draft.minVcpu} min={0} integer onChange={(n) => n !== null && setFilter({ minVcpu: n })} />
        <NumberField label="Min memory" unit="GiB" value={draft.minMemoryGiB} min={0} step={0.5} onChange={(n) => n !== null && setFilter({ minMemoryGiB: n })} />
        <NumberField label="Max price" unit="$/h" value={draft.maxPrice} min={0} step={0.01} optional placeholder="any" onChange={(n) => setFilter({ maxPrice: n })} />
      </div>

      <label className="mt-2 block">
        <span className="mb-0.5 flex items-baseline justify-between text-sm text-slate-400">
          <span>Spec</span>
          {spec && (
            <span className={suggested ? "text-emerald-300" : "text-slate-400"}>
              {suggested ? "cheapest that fits" : "your choice"} · {fits.length} fit
            </span>
          )}
        </span>
        <select
          aria-label={`Spec for ${regionKey}`}
          value={spec?.id ?? ""}
          disabled={loading || options.length === 0}
          onChange={(e) => set({ specId: e.target.value || null })}
          className="w-full rounded-lg border border-panel-edge bg-sea px-2.5 py-1.5 text-base text-white focus:border-sky-400 focus:outline-none disabled:opacity-60"
        >
          {loading && <option value="">Loading the specs…</option>}
          {!loading && options.length === 0 && <option value="">No spec fits</option>}
          {options.map((s, i) => (
            <option key={s.id} value={s.id}>
              {specLabel(s)}
              {i === 0 && fits[0]?.id === s.id ? "  (cheapest)" : ""}
            </option>
          ))}
        </select>
      </label>

      <label className="mt-2 block">
        <span className="mb-0.5 block text-sm text-slate-400">Image</span>
        <select
          aria-label={`Image for ${regionKey}`}
          value={image?.id ?? ""}
          disabled={loading || images.length === 0}
          onChange={(e) => set({ imageId: e.target.value || null })}
          className="w-full rounded-lg border border-panel-edge bg-sea px-2.5 py-1.5 text-base text-white focus:border-sky-400 focus:outline-none disabled:opacity-60"
        >
          {loading && <option value="">Loading the images…</option>}
          {images.map((i) => (
            <option key={i.id} value={i.id}>
              {i.os} · {i.architecture}
              {i.isDefault ? " (default)" : ""} — {i.name}
            </option>
          ))}
        </select>
      </label>
      </>
      )}

      {problem && (
        <p role="alert" className="mt-2 text-sm text-rose-300">
          {problem}
        </p>
      )}
    </li>
  );
});
