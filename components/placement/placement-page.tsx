"use client";

import dynamic from "next/dynamic";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import { formatMs } from "@/components/map/format";
import { RoleNotice } from "@/components/ui/role-notice";
import { plural } from "@/lib/core/plural";
import { MapPlaceholder } from "@/components/map/map-status";
import { withQuery } from "@/components/map/map-url";
import { useProviders, useRegions, type MapRegion } from "@/components/map/use-catalogue";
import { placeAudienceAction } from "./actions";
import { decodeAudience, encodeAudience, makePoint, presetAudience, URL_MAX_POINTS, type AudiencePoint, type PresetId } from "./audience";
import { AudiencePanel } from "./audience-panel";
import { BaselineCard } from "./baseline-card";
import type { City } from "./cities";
import { ConstraintsForm, DEFAULT_CONSTRAINTS, type Constraints } from "./constraints-form";
import type { FitRequest, ServedLine } from "./placement-map";
import type { PlacementAnswer } from "./placement-format";
import { regionRows, ResultPanel } from "./result-panel";
import { PLACEMENT_SCENES, PlacementPresentation, placementFrame, showsPlacement, usePresentAutoRun } from "@/components/present/placement-presentation";
import { PresentFrame } from "@/components/present/present-frame";
import { usePresentMode } from "@/components/present/use-present-mode";

const PlacementMap = dynamic(() => import("./placement-map").then((m) => m.PlacementMap), { ssr: false, loading: MapPlaceholder });

const NO_REGIONS: MapRegion[] = [];
const DEPLOY_NAMESPACE = "default";
const ignore = () => {};

type Run = { points: readonly AudiencePoint[]; answer: PlacementAnswer };

function initialAudience(params: URLSearchParams, cities: readonly City[]): { points: AudiencePoint[]; preset: PresetId | null } {
  const preset = params.get("preset");
  if (preset === "population-1000") return { points: presetAudience(preset, cities), preset };
  return { points: decodeAudience(params.get("audience")), preset: null };
}

/**
 * Placement: put the audience on the map, say what matters (mean, p95, worst, conference), let the
 * engine choose the regions, compare with Tumblebug's rules and a random pick, then deploy the plan.
 */
export function PlacementPage({ cities }: { cities: readonly City[] }) {
  const router = useRouter();
  // Viewers still see the map and may sketch an audience; running the engine and deploying need more.
  const endpoints = useEndpoints();
  const placeAccess = endpoints.placement.place.access;
  const canPlace = useCan(placeAccess);
  const canDeploy = useCan(endpoints.provisioning.createMci.access, DEPLOY_NAMESPACE);
  const searchParams = useSearchParams();
  const [initial] = useState(() => initialAudience(new URLSearchParams(searchParams.toString()), cities));
  const [points, setPoints] = useState<AudiencePoint[]>(initial.points);
  const [preset, setPreset] = useState<PresetId | null>(initial.preset);
  const [constraints, setConstraints] = useState<Constraints>(DEFAULT_CONSTRAINTS);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [deploying, setDeploying] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState<FitRequest | null>(null);

  const regionsQuery = useRegions();
  const providersQuery = useProviders();
  const allRegions = regionsQuery.data ?? NO_REGIONS;
  const byKey = useMemo(() => new Map(allRegions.map((r) => [r.key, r])), [allRegions]);
  const providers = useMemo(() => {
    const connected = new Set(allRegions.filter((r) => r.connections.length > 0).map((r) => r.provider));
    return (providersQuery.data ?? []).filter((p) => connected.size === 0 || connected.has(p.id));
  }, [providersQuery.data, allRegions]);

  const edit = useCallback((next: (ps: AudiencePoint[]) => AudiencePoint[]) => {
    setPoints(next);
    setPreset(null);
  }, []);
  const addAt = useCallback((lat: number, lon: number) => edit((ps) => [...ps, makePoint(lat, lon)]), [edit]);
  const addMany = useCallback((more: AudiencePoint[]) => edit((ps) => [...ps, ...more]), [edit]);
  const remove = useCallback((id: number) => edit((ps) => ps.filter((p) => p.id !== id)), [edit]);
  const move = useCallback((id: number, lat: number, lon: number) => edit((ps) => ps.map((p) => (p.id === id ? { ...p, lat, lon } : p))), [edit]);
  const choosePreset = useCallback(
    (id: PresetId) => {
      const next = presetAudience(id, cities);
      setPoints(next);
      setFit((f) => ({ id: (f?.id ?? 0) + 1, places: next.map((p) => [p.lat, p.lon]) }));
      setPreset(id === "population-1000" ? id : null);
      setRun(null);
      setError(null);
    },
    [cities],
  );

  // Small audiences live in the URL so a reload or a shared link shows them again.
  const audienceParam = preset ? null : points.length <= URL_MAX_POINTS ? encodeAudience(points) : null;
  useEffect(() => {
    const next = withQuery({ audience: audienceParam || null, preset });
    if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, "", next);
  }, [audienceParam, preset]);

  function place() {
    setError(null);
    const snapshot = points;
    const c = constraints;
    const requirements = { vcpu: c.vcpu ?? undefined, memoryGiB: c.memoryGiB ?? undefined, maxPricePerHour: c.maxPricePerHour ?? undefined };
    startTransition(async () => {
      const result = await placeAudienceAction({
        users: snapshot.map((p) => ({ lat: p.lat, lon: p.lon, weight: p.weight })),
        k: c.k,
        kMode: c.kMode,
        objective: c.objective,
        providers: c.providers.length ? c.providers : undefined,
        requirements: Object.values(requirements).some((v) => v !== undefined) ? requirements : undefined,
        costWeight: c.costWeight > 0 ? c.costWeight : undefined,
      });
      if (result.ok) {
        setRun({ points: snapshot, answer: result.data });
        const regionPlaces = result.data.regions.flatMap((k): [number, number][] => {
          const r = byKey.get(k);
          return r ? [[r.latitude, r.longitude]] : [];
        });
        setFit((f) => ({ id: (f?.id ?? 0) + 1, places: [...snapshot.map((p): [number, number] => [p.lat, p.lon]), ...regionPlaces] }));
        requestAnimationFrame(() => resultRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }));
      } else {
        setError(`${result.error}. Change the constraints (fewer regions, more providers, a smaller spec) and run again.`);
      }
    });
  }

  function deploy() {
    if (!run) return;
    setDeploying(true);
    const specs = run.answer.regions.map((r) => `${r}:${run.answer.specs[r]?.specId ?? ""}`).join(",");
    const query = new URLSearchParams({ regions: run.answer.regions.join(","), specs });
    router.push(`/ns/${DEPLOY_NAMESPACE}/mci/new?${query.toString()}`);
  }

  const stale = run !== null && run.points !== points;
  const lines = useMemo<ServedLine[]>(() => {
    if (!run) return [];
    return run.answer.assignment.flatMap((a) => {
      const p = run.points[a.user];
      const region = byKey.get(a.region);
      return p && region ? [{ lat: p.lat, lon: p.lon, region, rttMs: a.rttMs, estimated: a.source === "estimated" }] : [];
    });
  }, [run, byKey]);
  const rows = useMemo(() => (run ? regionRows(run.answer, run.points, byKey) : []), [run, byKey]);
  const chosen = useMemo(
    () =>
      rows.flatMap((r) =>
        r.region ? [{ region: r.region, users: r.users, tooltip: `${r.region.name}\n${r.key}\n${plural(r.users, "user")} · mean ${formatMs(r.meanMs)} · worst ${formatMs(r.maxMs)} (estimated)` }] : [],
      ),
    [rows],
  );
  const present = usePresentMode(PLACEMENT_SCENES);
  usePresentAutoRun(present.on && canPlace && points.length > 0 && run === null && !pending && error === null, place);
  const hideResult = stale || !showsPlacement(present);

  return (
    <div className="relative h-full w-full overflow-hidden bg-sea">
      <PlacementMap
        fit={fit}
        points={points}
        lines={hideResult ? [] : lines}
        chosen={hideResult ? [] : chosen}
        onAdd={present.on ? ignore : addAt}
        onRemove={present.on ? ignore : remove}
        onMove={present.on ? ignore : move}
      >
        {present.on && <PresentFrame {...placementFrame(present, points, stale ? [] : chosen)} />}
      </PlacementMap>
      {present.on && <PlacementPresentation mode={present} points={points} answer={stale ? null : (run?.answer ?? null)} pending={pending} error={error} />}
      {/* Presentation mode hides what is for operating; kept mounted so leaving it restores the view. */}
      <div hidden={present.on} className="contents">
      {points.length === 0 && (
        // Centred on the map that shows, not on the window: the panel covers the right 36rem.
        <div className="pointer-events-none absolute inset-x-0 top-6 z-[1000] flex justify-center px-4 sm:right-[36rem]">
          <p data-testid="placement-hint" className="rounded-xl border border-panel-edge bg-panel/90 px-4 py-2 text-center text-base text-slate-200 shadow-2xl">
            Click the map where participants are, or pick a preset on the right.
          </p>
        </div>
      )}
      {run && <BaselineCard answer={run.answer} stale={stale} />}

      <aside
        data-testid="placement-panel"
        aria-label="Placement"
        className="absolute bottom-0 right-0 top-0 z-[1002] flex w-full flex-col border-l border-panel-edge bg-panel shadow-[-12px_0_32px_rgb(0_0_0/0.45)] sm:w-[36rem]"
      >
        <header className="border-b border-panel-edge px-5 pb-3 pt-4">
          <h1 className="text-2xl font-semibold text-white">Placement</h1>
          <p className="text-slate-400">Where should the servers be, so this audience waits least?</p>
        </header>
        <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-5 py-4">
          <AudiencePanel cities={cities} points={points} onAdd={addMany} onRemove={remove} onClear={() => edit(() => [])} onPreset={choosePreset} />
          <ConstraintsForm value={constraints} providers={providers} onChange={(patch) => setConstraints((c) => ({ ...c, ...patch }))} />
          {error && (
            <p role="alert" data-testid="placement-error" className="rounded-lg border border-rose-400/50 bg-rose-500/10 px-3 py-2 text-rose-200">
              {error}
            </p>
          )}
          <div ref={resultRef}>{run && <ResultPanel answer={run.answer} points={run.points} rows={rows} />}</div>
        </div>
        <footer className="border-t border-panel-edge px-5 py-3">
          {!canPlace ? (
            <RoleNotice what="Computing a placement" access={placeAccess} compact />
          ) : (
            <>
              {pending && (
                <div className="mb-2 h-1.5 overflow-hidden rounded-full bg-slate-700" role="progressbar" aria-label="Placing">
                  <div className="h-full w-1/3 animate-[pulse_1s_ease-in-out_infinite] rounded-full bg-sky-400" />
                </div>
              )}
              <div className="flex items-center gap-3">
                <p className="min-w-0 flex-1 text-sm text-slate-300">
                  {pending
                    ? `Placing ${plural(points.length, "user")} on ${constraints.kMode === "upTo" ? "up to " : ""}${plural(constraints.k, "region")}…`
                    : points.length === 0
                      ? "Add at least one participant to run."
                      : stale
                        ? "The audience changed since the last run."
                        : run
                          ? `${plural(run.answer.regions.length, "region")} chosen.`
                          : `${plural(points.length, "user")} ready.`}
                </p>
                <button
                  type="button"
                  disabled={pending || points.length === 0}
                  onClick={place}
                  className="rounded-lg bg-sky-700 px-5 py-2 font-semibold text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
                >
                  {pending ? "Placing…" : run ? "Run again" : "Run placement"}
                </button>
                {canDeploy && (
                  <button
                    type="button"
                    disabled={!run || stale || pending || deploying}
                    onClick={deploy}
                    className="rounded-lg bg-emerald-700 px-5 py-2 font-semibold text-white hover:bg-emerald-800 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
                    title="Open a new MCI with one subgroup per chosen region, to review before anything is made"
                  >
                    {deploying ? "Opening…" : "Deploy this plan →"}
                  </button>
                )}
              </div>
            </>
          )}
        </footer>
      </aside>
      </div>
    </div>
  );
}
