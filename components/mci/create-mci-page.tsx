"use client";

import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import { useMapKeys, useViewInUrl } from "@/components/map/use-map-keys";
import type { LatLngBounds } from "leaflet";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition, type CSSProperties } from "react";
import { plural } from "@/lib/core/plural";
import { MapPlaceholder, MapStatus } from "@/components/map/map-status";
import { parseAt, withQuery } from "@/components/map/map-url";
import { ProviderLegend } from "@/components/map/provider-legend";
import { FormError } from "@/components/ui/form-fields";
import { RoleNotice } from "@/components/ui/role-notice";
import { RegionSearch } from "@/components/map/region-search";
import { useProviders, useRegions, type MapRegion, type ProviderSummary } from "@/components/map/use-catalogue";
import type { ActionFailure } from "@/lib/http";
import { mciNameSchema, type MciCreate, type MciReview } from "@/lib/validation/mci";
import { createMciAction, reviewMciAction } from "./actions";
import { placeCreateIssues } from "./create-issues";
import { CreateFooter } from "./create-footer";
import { StepTabs, type Step } from "./create-steps";
import { parseKeys, parseSpecs } from "./create-url";
import { inBox } from "./in-box";
import type { FlyTarget } from "./create-map";
import { MciDetailsForm, type Policy } from "./mci-details-form";
import { RegionPicker } from "./region-picker";
import { ReviewStep } from "./review-step";
import { DEFAULT_DRAFT, resolveSubgroup, type SubgroupDraft } from "./subgroup-draft";
import { SubgroupDefaults } from "./subgroup-defaults";
import { SubgroupEditor } from "./subgroup-editor";
import { useRegionCatalogue } from "./use-mci";

const CreateMap = dynamic(() => import("./create-map").then((m) => m.CreateMap), { ssr: false, loading: MapPlaceholder });

const PANEL_REM = 36;
const NO_REGIONS: MapRegion[] = [];

function providersFromRegions(regions: readonly MapRegion[]): ProviderSummary[] {
  const counts = new Map<string, number>();
  for (const r of regions) counts.set(r.provider, (counts.get(r.provider) ?? 0) + 1);
  return [...counts].map(([id, regionCount]) => ({ id, name: id, regionCount })).sort((a, b) => a.id.localeCompare(b.id));
}

/** The create flow for who may make MCIs in this namespace; for anyone else, why not, instead of a form that would be refused. */
export function CreateMciPage({ namespace }: { namespace: string }) {
  const access = useEndpoints().provisioning.createMci.access;
  const allowed = useCan(access, namespace);
  if (allowed) return <CreateMciFlow namespace={namespace} />;
  return (
    <div className="mx-auto max-w-3xl px-6 pb-16 pt-8">
      <h1 className="text-3xl font-semibold tracking-tight text-white">New MCI</h1>
      <p className="mt-1 text-slate-400">
        in namespace <span className="font-mono text-slate-200">{namespace}</span>
      </p>
      <div className="mt-5">
        <RoleNotice what="Creating an MCI" access={access} ns={namespace} />
      </div>
      <p className="mt-4">
        <Link href={`/mci?ns=${encodeURIComponent(namespace)}`} className="text-sky-300 underline decoration-sky-300/50 underline-offset-2 hover:decoration-sky-300">
          Back to the MCIs of {namespace}
        </Link>
      </p>
    </div>
  );
}

/**
 * Creating an MCI: regions picked on the map (or from the list), a spec, image and count per
 * subgroup, then a dry-run review of every VM and its cost before anything is made.
 */
function CreateMciFlow({ namespace }: { namespace: string }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [initialView] = useState(() => parseAt(searchParams.get("at")));
  const [selectedKeys, setSelectedKeys] = useState<string[]>(() => parseKeys(searchParams.get("regions")));
  const [drafts, setDrafts] = useState<Record<string, SubgroupDraft>>(() => parseSpecs(searchParams.get("specs")));
  const [defaults, setDefaults] = useState<SubgroupDraft>(DEFAULT_DRAFT);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [policy, setPolicy] = useState<Policy>("continue");
  const [step, setStep] = useState<Step>("regions");
  const [review, setReview] = useState<MciReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [serverNameError, setServerNameError] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [flyTo, setFlyTo] = useState<FlyTarget | null>(null);
  const [armed, setArmed] = useState(false);
  const [pending, startTransition] = useTransition();
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLDivElement>(null);

  const regionsQuery = useRegions();
  const providersQuery = useProviders();
  const allRegions = regionsQuery.data ?? NO_REGIONS;
  const byKey = useMemo(() => new Map(allRegions.map((r) => [r.key, r])), [allRegions]);
  const providers = useMemo(() => providersQuery.data ?? providersFromRegions(allRegions), [providersQuery.data, allRegions]);
  const visibleCount = useMemo(() => allRegions.filter((r) => !hidden.has(r.provider)).length, [allRegions, hidden]);
  const selectedRegions = useMemo(() => selectedKeys.map((k) => byKey.get(k)).filter((r): r is MapRegion => r !== undefined), [selectedKeys, byKey]);
  const selectedSet = useMemo(() => new Set(selectedRegions.map((r) => r.key)), [selectedRegions]);
  const keys = useMemo(() => selectedRegions.map((r) => r.key), [selectedRegions]);
  // Your own servers (ssh) have no catalogue to load: a subgroup there takes only a count.
  const isHostPool = useCallback((k: string) => byKey.get(k)?.provider === "ssh", [byKey]);
  const catalogueKeys = useMemo(() => keys.filter((k) => !isHostPool(k)), [keys, isHostPool]);
  const catalogue = useRegionCatalogue(catalogueKeys);
  const resolved = useMemo(
    () => keys.map((k) => resolveSubgroup(k, drafts[k] ?? defaults, catalogue.specs.get(k), catalogue.images.get(k), catalogue.errors.get(k), isHostPool(k))),
    [keys, drafts, defaults, catalogue, isHostPool],
  );
  const counts = useMemo(() => new Map(resolved.map((r) => [r.region, r.draft.count])), [resolved]);
  const totalVms = resolved.reduce((s, r) => s + r.draft.count, 0);
  const estimate = resolved.reduce((s, r) => s + (r.spec ? r.spec.pricePerHour * r.draft.count : 0), 0);
  const loadingSpecs = resolved.some((r) => r.loading);
  const problems = resolved.filter((r) => r.problem);
  const nameCheck = mciNameSchema.safeParse(name);
  const nameError = serverNameError ?? (attempted && !nameCheck.success ? nameCheck.error.issues[0].message : null);

  // Any change after a review makes it stale: go back to editing.
  const edited = useCallback(() => {
    setReview(null);
    setError(null);
    setStep((s) => (s === "review" ? "configure" : s));
  }, []);

  const toggle = useCallback(
    (key: string) => {
      setSelectedKeys((ks) => (ks.includes(key) ? ks.filter((k) => k !== key) : [...ks, key]));
      edited();
    },
    [edited],
  );
  const add = useCallback(
    (more: readonly string[]) => {
      if (more.length === 0) return;
      setSelectedKeys((ks) => [...ks, ...more.filter((k) => !ks.includes(k))]);
      edited();
    },
    [edited],
  );
  const clear = useCallback(() => {
    setSelectedKeys([]);
    edited();
  }, [edited]);

  const onBox = useCallback(
    (bounds: LatLngBounds) => {
      const box = { south: bounds.getSouth(), north: bounds.getNorth(), west: bounds.getWest(), east: bounds.getEast() };
      add(allRegions.filter((r) => !hidden.has(r.provider) && inBox(box, r.latitude, r.longitude)).map((r) => r.key));
    },
    [add, allRegions, hidden],
  );
  const onSearchPick = useCallback(
    (key: string) => {
      const region = byKey.get(key);
      if (!region) return;
      add([key]);
      setHidden((h) => {
        if (!h.has(region.provider)) return h;
        const next = new Set(h);
        next.delete(region.provider);
        return next;
      });
      setFlyTo({ lat: region.latitude, lon: region.longitude });
    },
    [add, byKey],
  );

  const changeDraft = useCallback(
    (key: string, draft: SubgroupDraft) => {
      setDrafts((d) => ({ ...d, [key]: draft }));
      edited();
    },
    [edited],
  );
  const resetDraft = useCallback(
    (key: string) => {
      setDrafts((d) => {
        const next = { ...d };
        delete next[key];
        return next;
      });
      edited();
    },
    [edited],
  );
  const changeDefaults = (patch: Partial<SubgroupDraft>) => {
    setDefaults((d) => ({ ...d, ...patch }));
    edited();
  };

  // The chosen regions go to the URL, so a copied link reopens the same draft on the map.
  const regionsParam = selectedKeys.join(",");
  useEffect(() => {
    const next = withQuery({ regions: regionsParam || null });
    if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, "", next);
  }, [regionsParam]);

  const onViewChange = useViewInUrl();

  useMapKeys(searchRef);

  const toggleProvider = useCallback((id: string) => {
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const showOnly = useCallback((id: string) => setHidden(new Set(providers.map((p) => p.id).filter((p) => p !== id))), [providers]);
  const showAll = useCallback(() => setHidden(new Set()), []);
  const hideAll = useCallback(() => setHidden(new Set(providers.map((p) => p.id))), [providers]);

  function request(): MciCreate {
    return {
      name,
      description: description.trim(),
      policy,
      dryRun: true,
      subGroups: resolved.map((r) => (r.hostPool ? { region: r.region, count: r.draft.count } : { region: r.region, specId: r.spec?.id ?? "", imageId: r.image?.id, count: r.draft.count })),
    };
  }

  function showError(failure: ActionFailure) {
    const placed = placeCreateIssues(failure, (i) => resolved[i]?.region);
    setError(placed.form);
    if (placed.fields.name) {
      setServerNameError(placed.fields.name);
      setStep("configure");
      nameRef.current?.scrollIntoView({ block: "center" });
    }
  }

  function startReview() {
    setAttempted(true);
    setError(null);
    if (!nameCheck.success) {
      nameRef.current?.querySelector("input")?.focus();
      return;
    }
    startTransition(async () => {
      const result = await reviewMciAction({ ns: namespace, mci: request() });
      if (result.ok) {
        setReview(result.data);
        setStep("review");
      } else {
        showError(result);
      }
    });
  }

  function create() {
    setError(null);
    startTransition(async () => {
      const result = await createMciAction({ ns: namespace, mci: { ...request(), dryRun: false } });
      if (result.ok) {
        setCreating(true);
        router.push(`/ns/${encodeURIComponent(namespace)}/mci/${encodeURIComponent(result.data.id)}`);
      } else {
        showError(result);
      }
    });
  }

  const canConfigure = selectedRegions.length > 0;
  const reviewBlocker = loadingSpecs
    ? "Loading the specs of the chosen regions…"
    : problems.length
      ? `${plural(problems.length, "subgroup")} cannot be made yet: see the red notes.`
      : null;

  return (
    <div className="relative h-full w-full overflow-hidden bg-sea" style={{ "--map-panel-width": `${PANEL_REM}rem` } as CSSProperties}>
      <CreateMap
        regions={allRegions}
        hidden={hidden}
        visibleCount={visibleCount}
        selected={selectedRegions}
        counts={counts}
        initialView={initialView}
        flyTo={flyTo}
        panelPx={PANEL_REM * 16}
        onToggle={toggle}
        onBox={onBox}
        onArmedChange={setArmed}
        onViewChange={onViewChange}
      />
      <RegionSearch regions={allRegions} inputRef={searchRef} onPick={onSearchPick} disabled={!regionsQuery.data} />
      <p
        data-testid="map-hint"
        data-armed={armed}
        className={`pointer-events-none absolute left-3 top-[4.1rem] z-[1000] w-[24rem] rounded-xl border px-3 py-2 text-[0.95rem] shadow-2xl backdrop-blur ${
          armed ? "border-sky-400 bg-sky-950/90 text-sky-100" : "border-panel-edge bg-panel/90 text-slate-300"
        }`}
      >
        {armed ? (
          <>Drag a box: every shown region inside it is added.</>
        ) : (
          <>
            <strong className="text-white">Click</strong> a marker to add or remove a region; <strong className="text-white">Shift+drag</strong> adds
            every region in a box.
          </>
        )}
      </p>
      {providers.length > 0 && (
        <ProviderLegend
          providers={providers}
          hidden={hidden}
          visibleCount={visibleCount}
          totalCount={allRegions.length}
          onToggle={toggleProvider}
          onShowOnly={showOnly}
          onShowAll={showAll}
          onHideAll={hideAll}
        />
      )}
      <MapStatus
        isPending={regionsQuery.isPending}
        error={regionsQuery.error}
        empty={regionsQuery.isSuccess && allRegions.length === 0}
        onRetry={() => regionsQuery.refetch()}
      />

      <aside
        data-testid="create-panel"
        data-step={step}
        aria-label="New MCI"
        className="absolute bottom-0 right-0 top-0 z-[1002] flex w-full flex-col border-l border-panel-edge bg-panel shadow-[-12px_0_32px_rgb(0_0_0/0.45)] sm:w-[36rem]"
      >
        <header className="border-b border-panel-edge px-5 pb-3 pt-4">
          <div className="flex items-baseline justify-between gap-3">
            <h1 className="text-2xl font-semibold text-white">New MCI</h1>
            <Link href={`/mci?ns=${encodeURIComponent(namespace)}`} className="text-slate-300 hover:text-white">
              Cancel
            </Link>
          </div>
          <p className="text-slate-400">
            in namespace <span className="font-mono text-slate-200">{namespace}</span>
          </p>
          <StepTabs step={step} canConfigure={canConfigure} reviewed={review !== null} onStep={setStep} />
        </header>

        <div className="flex min-h-0 flex-1 flex-col px-5 py-3">
          {step === "regions" && (
            <>
              <p className="mb-2 text-[0.95rem] text-slate-300">
                Each region becomes a subgroup: identical VMs on one connection. Pick them on the map or tick them here.
              </p>
              <RegionPicker regions={allRegions} selected={selectedSet} onToggle={toggle} onClear={clear} />
            </>
          )}

          {step === "configure" && (
            <div className="-mx-5 min-h-0 flex-1 overflow-y-auto px-5">
              <div ref={nameRef}>
                <MciDetailsForm
                  name={name}
                  description={description}
                  policy={policy}
                  nameError={nameError}
                  onName={(v) => {
                    setName(v);
                    setServerNameError(null);
                    edited();
                  }}
                  onDescription={(v) => {
                    setDescription(v);
                    edited();
                  }}
                  onPolicy={(p) => {
                    setPolicy(p);
                    edited();
                  }}
                />
              </div>
              <SubgroupDefaults
                defaults={defaults}
                customized={Object.keys(drafts).length > 0}
                onChange={changeDefaults}
                onApplyToAll={() => {
                  setDrafts({});
                  edited();
                }}
              />
              <h2 className="mt-4 text-base font-semibold text-white">
                {plural(resolved.length, "subgroup")} · {plural(totalVms, "VM")}
              </h2>
              <ul className="mt-2 space-y-2 pb-3">
                {selectedRegions.map((r, i) => (
                  <SubgroupEditor
                    key={r.key}
                    regionKey={r.key}
                    regionName={r.name}
                    provider={r.provider}
                    resolved={resolved[i]}
                    customized={r.key in drafts}
                    onChange={changeDraft}
                    onReset={resetDraft}
                    onRemove={toggle}
                  />
                ))}
              </ul>
            </div>
          )}

          {step === "review" && review && <ReviewStep review={review} providerOf={(key) => byKey.get(key)?.provider ?? ""} />}

          <FormError message={error} testId="create-error" className="mt-3" />
        </div>

        <CreateFooter
          step={step}
          regionCount={selectedRegions.length}
          blocker={reviewBlocker}
          totalVms={totalVms}
          estimate={estimate}
          reviewedVms={review?.vms.length ?? null}
          pending={pending}
          creating={creating}
          onStep={setStep}
          onReview={startReview}
          onCreate={create}
        />
      </aside>
    </div>
  );
}
