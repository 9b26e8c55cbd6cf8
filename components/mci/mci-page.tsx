"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useParams, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import { MapPlaceholder } from "@/components/map/map-status";
import { RoleNotice } from "@/components/ui/role-notice";
import { CommandsTab } from "@/components/commands/commands-tab";
import { AppsTab } from "@/components/apps/apps-tab";
import { useVmAppStates } from "@/components/apps/use-apps";
import { regionAppSummary } from "@/components/apps/region-apps";
import { useAlertRules } from "@/components/alerts/use-alerts";
import { withQuery } from "@/components/map/map-url";
import { ColourBySwitch, HEAT_METRICS, parseColourBy, type ColourBy } from "@/components/monitoring/colour-by";
import { HeatLegend } from "@/components/monitoring/heat-legend";
import { MciMetrics } from "@/components/monitoring/mci-metrics";
import { rangeOf, type RangeId } from "@/components/monitoring/ranges";
import { useLatestMetric } from "@/components/monitoring/use-metrics";
import type { MetricName } from "@/lib/core/metrics";
import { useRegions } from "@/components/map/use-catalogue";
import type { VmStatus } from "@/lib/core/types";
import type { VmView } from "@/lib/validation/mci";
import { EventLog } from "./event-log";
import type { MapPadding } from "./fit-places";
import { MciControls, type VmActionName } from "./mci-controls";
import { MciAlertsTab } from "./mci-alerts-tab";
import { MciHeader } from "./mci-header";
import { MciTabs, parseTab, type Tab } from "./mci-tabs";
import { isBusy } from "./status-display";
import { groupByRegion } from "./region-groups";
import { StatusLegend } from "./status-legend";
import { SubgroupsTab } from "./subgroups-tab";
import { BUSY_POLL_MS, isNotFound, SETTLED_POLL_MS, useMci, useMciEvents } from "./use-mci";
import { useMciActions } from "./use-mci-actions";
import { useMciWatch } from "./use-mci-watch";
import { useVmSelection } from "./use-vm-selection";
import { VmPanel } from "./vm-panel";
import { VmTable } from "./vm-table";
import { MCI_SCENES, MciPresentation, mciFrame } from "@/components/present/mci-presentation";
import { PresentFrame } from "@/components/present/present-frame";
import { usePresentMode } from "@/components/present/use-present-mode";

const MciMap = dynamic(() => import("./mci-map").then((m) => m.MciMap), { ssr: false, loading: MapPlaceholder });


const PANEL_REM = 36;
// Room the floating panels take, so the MCI is framed in the part of the map that stays visible.
const MAP_PADDING: MapPadding = { top: 200, right: PANEL_REM * 16 + 50, bottom: 100, left: 60 };
/** Statuses in which a VM's compute is billed (the same rule as the API's costPerHour). */
const BILLED: readonly VmStatus[] = ["Creating", "Running", "Rebooting", "Resuming", "Suspending"];
const NO_VMS: VmView[] = [];

/** The MCI page: its VMs on the map, live counts and cost, the controls, and a VM's details. */
export function MciPage({ namespace, id }: { namespace: string; id: string }) {
  const router = useRouter();
  const params = useParams<{ vmId?: string }>();
  const vmId = params?.vmId ? decodeURIComponent(params.vmId) : null;
  const searchParams = useSearchParams();
  const fastUntil = useRef(0);
  // Each control shows for the roles its operation allows in this namespace; the server checks again.
  const endpoints = useEndpoints();
  const ep = endpoints.provisioning;
  const can = {
    act: useCan(ep.mciAction.access, namespace),
    delete: useCan(ep.deleteMci.access, namespace),
    scale: useCan(ep.scaleSubGroup.access, namespace),
    addSubGroup: useCan(ep.addSubGroup.access, namespace),
    sshKey: useCan(ep.namespaceSshKey.access, namespace),
    addRule: useCan(endpoints.monitoring.createAlertRule.access),
    runCommand: useCan(endpoints.commands.runCommand.access, namespace),
    cancelCommand: useCan(endpoints.commands.cancelCommand.access, namespace),
    installApp: useCan(endpoints.apps.installApp.access, namespace),
  };
  const appStates = useVmAppStates(namespace, id);

  // The view comes from the MCI's watch stream while it is live, from polling otherwise.
  const [watchable, setWatchable] = useState(true);
  const live = useMciWatch(namespace, id, watchable);
  const mciQuery = useMci(namespace, id, fastUntil, live);
  const mci = mciQuery.data;
  const gone = isNotFound(mciQuery.error);
  if (gone && watchable) setWatchable(false);
  const busy = mci ? isBusy(mci) : false;
  // The stream brings new events too; the slow poll only fills what it could miss.
  const eventsQuery = useMciEvents(namespace, id, gone ? false : busy && !live ? BUSY_POLL_MS : SETTLED_POLL_MS);
  const regionsQuery = useRegions();
  const names = useMemo(() => new Map((regionsQuery.data ?? []).map((r) => [r.key, r.name])), [regionsQuery.data]);

  const [regionFilter, setRegionFilter] = useState<string | null>(() => searchParams.get("region"));
  const [tab, setTab] = useState<Tab>(() => parseTab(searchParams.get("tab")));
  const [commandId, setCommandId] = useState<string | null>(() => searchParams.get("command"));
  const [rangeId, setRangeId] = useState<RangeId>(() => rangeOf(searchParams.get("range")).id);
  const range = rangeOf(rangeId);
  const [chartMetric, setChartMetric] = useState<MetricName>("cpu_utilization");
  const [colourBy, setColourBy] = useState<ColourBy>(() => parseColourBy(searchParams.get("colour")));
  const heatMetric = colourBy === "status" ? null : colourBy;
  const { notice, setNotice, pending, deleteRequested, refresh, send, remove } = useMciActions(namespace, id, fastUntil);

  const vms = useMemo(
    () => [...(mci?.vms ?? NO_VMS)].sort((a, b) => a.subGroup.localeCompare(b.subGroup) || a.name.localeCompare(b.name, undefined, { numeric: true })),
    [mci?.vms],
  );
  const latest = useLatestMetric(id, gone ? null : heatMetric, vms);
  const vmById = useMemo(() => new Map(vms.map((v) => [v.id, v])), [vms]);
  const vmNames = useMemo(() => new Map(vms.map((v) => [v.id, v.name])), [vms]);
  const rulesQuery = useAlertRules();
  // (rule, VM) pairs firing now among this MCI's VMs, whatever the rule's scope.
  const firing = useMemo(() => (rulesQuery.data ?? []).reduce((n, r) => n + r.firing.filter((vid) => vmById.has(vid)).length, 0), [rulesQuery.data, vmById]);
  const subGroupSizes = useMemo(
    () => (mci?.subGroups ?? []).map((sg) => ({ name: sg.name, vmCount: vms.filter((v) => v.subGroup === sg.name).length })),
    [mci?.subGroups, vms],
  );
  const groups = useMemo(() => groupByRegion(vms), [vms]);
  const regionApps = useMemo(() => regionAppSummary(groups, appStates), [groups, appStates]);
  const costs = useMemo(() => {
    const out = new Map<string, number>();
    for (const v of vms) if (BILLED.includes(v.status)) out.set(v.region, (out.get(v.region) ?? 0) + v.pricePerHour);
    return out;
  }, [vms]);
  const { selectedIds, scope: effectiveScope, setScope, toggleVm, setMany } = useVmSelection(vmById, subGroupSizes);
  const openVm = vmId ? (vmById.get(vmId) ?? null) : null;
  const deleting = deleteRequested || Boolean(mci?.deleting);

  const base = `/ns/${encodeURIComponent(namespace)}/mci/${encodeURIComponent(id)}`;
  // What a link to this MCI or one of its VMs carries: the region filter, chart range and map colouring (defaults left out).
  const view = useMemo(
    () => ({ region: regionFilter, range: rangeId === "1h" ? null : rangeId, colour: colourBy === "status" ? null : colourBy }),
    [regionFilter, rangeId, colourBy],
  );
  const query = useMemo(() => {
    const text = new URLSearchParams(Object.entries(view).filter((e): e is [string, string] => e[1] !== null)).toString();
    return text ? `?${text}` : "";
  }, [view]);

  // The view and the tab go to the URL, so a copied link shows the same view of the MCI.
  useEffect(() => {
    const next = withQuery({ ...view, tab: tab === "vms" ? null : tab, command: tab === "commands" ? commandId : null });
    if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, "", next);
  }, [view, tab, commandId]);
  const heat = useMemo(() => {
    if (!heatMetric) return null;
    const entry = HEAT_METRICS.find((h) => h.metric === heatMetric)!;
    return { metric: heatMetric, label: entry.label, noun: entry.noun, values: latest ?? new Map<string, number>() };
  }, [heatMetric, latest]);

  // Once an MCI that was shown is gone from the server (deleted here or elsewhere), go back to the list and say so.
  const name = mci?.name ?? null;
  useEffect(() => {
    if (gone && name) router.replace(`/mci?ns=${encodeURIComponent(namespace)}&deleted=${encodeURIComponent(name)}`);
  }, [gone, name, router, namespace]);

  const run = (action: VmActionName) => {
    if (effectiveScope === "selected") send({ action, vmIds: [...selectedIds] });
    else if (effectiveScope.startsWith("sg:")) send({ action, subGroup: effectiveScope.slice(3) });
    else send({ action });
  };
  const runOnVm = useCallback((action: VmActionName, vm: VmView) => send({ action, vmIds: [vm.id] }), [send]);

  const open = useCallback((vid: string) => router.push(`${base}/vm/${encodeURIComponent(vid)}${query}`, { scroll: false }), [router, base, query]);
  const close = useCallback(() => router.push(`${base}${query}`, { scroll: false }), [router, base, query]);

  const selectRegion = useCallback((key: string) => {
    setRegionFilter((current) => (current === key ? null : key));
    setTab("vms");
  }, []);
  const clearRegion = useCallback(() => setRegionFilter(null), []);
  const scopeSubGroup = useCallback((sg: string) => setScope(`sg:${sg}`), [setScope]);
  const showVms = useCallback(() => setTab("vms"), []);
  const onChanged = useCallback(
    (text: string) => {
      setNotice({ tone: "ok", text });
      refresh();
    },
    [refresh, setNotice],
  );
  const onError = useCallback((text: string) => setNotice({ tone: "error", text }), [setNotice]);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      if (vmId) close();
      else if (regionFilter) setRegionFilter(null);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [vmId, regionFilter, close]);

  const lastEvent = eventsQuery.data?.[0];
  const present = usePresentMode(MCI_SCENES);

  return (
    <div className="relative h-full w-full overflow-hidden bg-sea" style={{ "--map-panel-width": !present.on && (mci || mciQuery.isPending) ? `${PANEL_REM}rem` : "0px" } as CSSProperties}>
      <MciMap groups={groups} names={names} costs={costs} selectedRegion={regionFilter ?? openVm?.region ?? null} onSelectRegion={selectRegion} fitToken={id} padding={MAP_PADDING} heat={heat} apps={regionApps}>
        {present.on && <PresentFrame {...mciFrame(present, groups)} />}
      </MciMap>
      {present.on && mci && <MciPresentation mode={present} mci={mci} groups={groups} />}
      {/* Presentation mode hides what is for operating; kept mounted so leaving it restores the view. */}
      <div hidden={present.on} className="contents">

      {mci ? (
        <MciHeader
          namespace={namespace}
          mci={mci}
          busy={busy}
          lastEvent={lastEvent}
          regionCount={groups.length}
          deleting={deleting}
          canDelete={can.delete}
          canDownloadKey={can.sshKey}
          onDelete={remove}
        />
      ) : (
        <section
          className={`absolute left-3 top-3 z-[1001] rounded-xl border border-panel-edge bg-panel/95 px-4 py-3 shadow-2xl backdrop-blur ${
            mciQuery.isPending ? "right-[calc(36rem+0.75rem)] min-h-[9.5rem]" : "right-3 sm:right-auto sm:max-w-2xl"
          }`}
        >
          {mciQuery.isPending ? (
            <p className="text-lg text-slate-300">Loading the MCI…</p>
          ) : (
            <div role="alert" data-testid="mci-error">
              <p className="text-lg font-semibold text-white">{gone ? `No MCI ${id} in namespace ${namespace}` : "The MCI could not be loaded"}</p>
              <p className="mt-1 text-slate-300">
                {gone ? "It may have been deleted, or the link is old. " : `${mciQuery.error?.message} The page retries by itself. `}
                <Link href={`/mci?ns=${encodeURIComponent(namespace)}`} className="text-sky-300 underline decoration-sky-300/50 underline-offset-2 hover:decoration-sky-300">
                  Back to the MCIs of {namespace}
                </Link>
              </p>
            </div>
          )}
        </section>
      )}

      {(mci || mciQuery.isPending) &&
        (heat ? (
          <HeatLegend label={heat.label} noun={heat.noun} control={<ColourBySwitch value={colourBy} onChange={setColourBy} />} />
        ) : (
          <StatusLegend control={<ColourBySwitch value={colourBy} onChange={setColourBy} />}>A ring is a region: its VMs by status, and how many. Click one to list them.</StatusLegend>
        ))}

      {!mci && mciQuery.isPending && (
        <aside aria-label="VMs and controls" className="absolute bottom-0 right-0 top-0 z-[1002] w-full border-l border-panel-edge bg-panel/[0.97] p-5 text-slate-300 sm:w-[36rem]">
          Loading the VMs…
        </aside>
      )}

      {mci && (
        // Opaque, with no backdrop blur: redrawing a full-height blur on every frame of a pan made the
        // map beside it several times slower than the home map (bench/mci-page), and without the blur
        // a translucent panel would show the map's rings through the table.
        <aside
          data-testid="mci-panel"
          aria-label="VMs and controls"
          className="absolute bottom-0 right-0 top-0 z-[1002] flex w-full flex-col border-l border-panel-edge bg-panel shadow-[-12px_0_32px_rgb(0_0_0/0.45)] sm:w-[36rem]"
        >
          {can.act ? (
            <MciControls
              scope={effectiveScope}
              subGroups={subGroupSizes}
              vmCount={vms.length}
              selectedCount={selectedIds.size}
              pending={pending}
              disabled={deleting}
              notice={notice}
              onScope={setScope}
              onRun={run}
              onDismiss={() => setNotice(null)}
            />
          ) : (
            <section aria-label="Actions" className="border-b border-panel-edge px-5 py-3">
              <RoleNotice what="Suspending, resuming, rebooting, terminating or refining its VMs" access={ep.mciAction.access} ns={namespace} compact />
            </section>
          )}
          <MciTabs
            tab={tab}
            onTab={setTab}
            counts={{ vms: vms.length, subgroups: mci.subGroups.length, events: eventsQuery.data?.length ?? null }}
            firing={firing}
          />
          {tab === "vms" && (
            <VmTable
              vms={vms}
              count={mci.statusCount}
              names={names}
              selected={selectedIds}
              openVmId={vmId}
              regionFilter={regionFilter}
              onClearRegion={clearRegion}
              onToggle={toggleVm}
              onSetMany={setMany}
              onOpen={open}
              metric={heat}
              apps={appStates}
            />
          )}
          {tab === "metrics" && <MciMetrics mciId={id} range={range} onRange={setRangeId} metric={chartMetric} onMetric={setChartMetric} />}
          {tab === "alerts" && <MciAlertsTab mciId={id} vmNames={vmNames} onOpenVm={open} canAddRule={can.addRule} />}
          {tab === "subgroups" && (
            <SubgroupsTab
              namespace={namespace}
              mci={mci}
              names={names}
              regions={regionsQuery.data ?? []}
              disabled={deleting}
              can={can}
              onScope={scopeSubGroup}
              onChanged={onChanged}
              onError={onError}
            />
          )}
          {tab === "events" && <EventLog events={eventsQuery.data} error={eventsQuery.error} vmNames={vmNames} onOpenVm={open} />}
          {tab === "commands" && (
            <CommandsTab
              namespace={namespace}
              mciId={id}
              subGroups={subGroupSizes}
              vmCount={vms.length}
              selectedIds={selectedIds}
              runAccess={endpoints.commands.runCommand.access}
              canRun={can.runCommand}
              canCancel={can.cancelCommand}
              commandId={commandId}
              onCommand={setCommandId}
              onPickVms={showVms}
            />
          )}
          {tab === "apps" && (
            <AppsTab
              namespace={namespace}
              mciId={id}
              subGroups={subGroupSizes}
              installAccess={endpoints.apps.installApp.access}
              canInstall={can.installApp}
              onOpenVm={open}
              onOpenCommand={(cid) => {
                setCommandId(cid);
                setTab("commands");
              }}
            />
          )}
        </aside>
      )}

      <VmPanel
        open={vmId !== null}
        vm={openVm}
        missingId={vmId && mci && !openVm ? vmId : null}
        regionName={openVm ? (names.get(openVm.region) ?? null) : null}
        namespace={namespace}
        busy={pending || deleting}
        canAct={can.act}
        canDownloadKey={can.sshKey}
        onAction={runOnVm}
        onClose={close}
        range={range}
        onRange={setRangeId}
      />
      </div>
    </div>
  );
}
