"use client";

import { useMemo, useState, useTransition } from "react";
import { searchRegions } from "@/components/map/search-regions";
import { placeIssues } from "@/components/ui/place-issues";
import type { MapRegion } from "@/components/map/use-catalogue";
import { providerColour } from "@/lib/core/palette";
import { subGroupNameSchema } from "@/lib/validation/mci";
import { addSubGroupAction } from "./actions";
import { DEFAULT_DRAFT, resolveSubgroup, type SubgroupDraft } from "./subgroup-draft";
import { SubgroupEditor } from "./subgroup-editor";
import { useRegionCatalogue } from "./use-mci";

type Props = {
  namespace: string;
  mciId: string;
  regions: readonly MapRegion[];
  taken: readonly string[];
  disabled: boolean;
  onAdded: (message: string) => void;
  onCancel: () => void;
};

/** A new subgroup for a running MCI: a region, then the same spec, image and count choices as at creation. */
export function AddSubgroupForm({ namespace, mciId, regions, taken, disabled, onAdded, onCancel }: Props) {
  const [query, setQuery] = useState("");
  const [region, setRegion] = useState<MapRegion | null>(null);
  const [draft, setDraft] = useState<SubgroupDraft>(DEFAULT_DRAFT);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [serverNameError, setServerNameError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const matches = useMemo(() => searchRegions(regions, query, 6), [regions, query]);
  // Your own servers (ssh) have no catalogue: a subgroup there takes only a count.
  const hostPool = region?.provider === "ssh";
  const keys = useMemo(() => (region && region.provider !== "ssh" ? [region.key] : []), [region]);
  const catalogue = useRegionCatalogue(keys);
  const resolved = region ? resolveSubgroup(region.key, draft, catalogue.specs.get(region.key), catalogue.images.get(region.key), catalogue.errors.get(region.key), hostPool) : null;
  const trimmed = name.trim();
  const nameCheck = trimmed ? subGroupNameSchema.safeParse(trimmed) : null;
  const nameError = nameCheck && !nameCheck.success ? nameCheck.error.issues[0].message : trimmed && taken.includes(trimmed) ? `this MCI already has a subgroup ${trimmed}` : serverNameError;

  function submit() {
    if (!region || !(resolved?.spec || resolved?.hostPool)) return;
    setError(null);
    startTransition(async () => {
      const result = await addSubGroupAction({
        ns: namespace,
        id: mciId,
        subGroup: resolved.hostPool ? { name: trimmed || undefined, region: region.key, count: draft.count } : { name: trimmed || undefined, region: region.key, specId: resolved.spec!.id, imageId: resolved.image?.id, count: draft.count },
      });
      if (result.ok) onAdded(`Added a subgroup in ${region.key} with ${draft.count} VM${draft.count === 1 ? "" : "s"}: they are being created.`);
      else {
        const placed = placeIssues(result, (path) => (path === "subGroup.name" ? "name" : null));
        setServerNameError(placed.fields.name ?? null);
        setError(placed.form);
      }
    });
  }

  return (
    <section aria-label="Add a subgroup" data-testid="add-subgroup" className="mx-5 mb-4 rounded-lg border border-sky-400/40 bg-sky-500/5 p-3">
      <div className="flex items-baseline justify-between">
        <h3 className="text-base font-semibold text-white">Add a subgroup</h3>
        <button type="button" onClick={onCancel} className="text-sm text-slate-300 hover:text-white">
          Cancel
        </button>
      </div>
      {!region ? (
        <>
          <input
            type="search"
            aria-label="Region for the new subgroup"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Region: city, country or key"
            autoComplete="off"
            spellCheck={false}
            className="mt-2 w-full rounded-lg border border-panel-edge bg-sea px-3 py-2 text-base text-white placeholder:text-slate-500 focus:border-sky-400 focus:outline-none"
          />
          <ul className="mt-1">
            {matches.map((r) => (
              <li key={r.key}>
                <button type="button" onClick={() => setRegion(r)} className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-slate-700/50">
                  <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: providerColour(r.provider) }} />
                  <span className="min-w-0 flex-1 truncate text-slate-100">{r.name}</span>
                  <span className="font-mono text-sm text-slate-400">{r.key}</span>
                </button>
              </li>
            ))}
            {query.trim() && matches.length === 0 && <li className="px-2 py-1.5 text-slate-300">No region matches; try a city or a key.</li>}
          </ul>
        </>
      ) : (
        <>
          <ul className="mt-2">
            <SubgroupEditor
              regionKey={region.key}
              regionName={region.name}
              provider={region.provider}
              resolved={resolved!}
              customized={false}
              onChange={(_, d) => setDraft(d)}
              onRemove={() => setRegion(null)}
            />
          </ul>
          <label className="mt-2 block">
            <span className="mb-0.5 block text-sm text-slate-400">Subgroup name (optional)</span>
            <input
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setServerNameError(null);
              }}
              placeholder={region.key}
              autoComplete="off"
              spellCheck={false}
              className="w-full rounded-lg border border-panel-edge bg-sea px-3 py-1.5 font-mono text-base text-white placeholder:text-slate-500 focus:border-sky-400 focus:outline-none"
            />
            {nameError && <span className="mt-1 block text-sm text-rose-300">{nameError}</span>}
          </label>
          <div className="mt-3 flex items-center justify-end gap-2">
            <button
              type="button"
              onClick={submit}
              disabled={pending || disabled || !(resolved?.spec || resolved?.hostPool) || Boolean(resolved?.problem) || Boolean(nameError)}
              className="rounded-lg bg-sky-700 px-4 py-1.5 font-semibold text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
            >
              {pending ? "Adding…" : `Add ${draft.count} VM${draft.count === 1 ? "" : "s"}`}
            </button>
          </div>
        </>
      )}
      {error && (
        <p role="alert" className="mt-2 text-rose-300">
          {error}
        </p>
      )}
    </section>
  );
}
