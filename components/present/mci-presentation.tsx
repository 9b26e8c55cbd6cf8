"use client";

import { useMemo } from "react";
import { formatPrice } from "@/components/map/format";
import { progressText, statusSegments } from "@/components/mci/status-display";
import type { RegionGroup } from "@/components/mci/region-groups";
import { ChartCard, type ChartSource } from "@/components/monitoring/chart-card";
import { AVG_COLOUR, MAX_COLOUR } from "@/components/monitoring/line-colours";
import { rangeOf } from "@/components/monitoring/ranges";
import { useLatestMetric } from "@/components/monitoring/use-metrics";
import { plural } from "@/lib/core/plural";
import type { MciView } from "@/lib/validation/mci";
import { deploymentSpan } from "./deployment-clock";
import { PresentShell, ScenePanel } from "./present-shell";
import { TYPE } from "./present-type";
import type { PresentMode } from "./use-present-mode";

/** The MCI's scenes, in order: the map framed on its VMs, its status counts, its resource use. */
export const MCI_SCENES = 3;
const PANEL_SHARE = 0.5;
const CHART_RANGE = rangeOf("15m");

/** What the MCI's map frames in presentation mode: its regions, beside the scene's panel when there is one. */
export function mciFrame(mode: PresentMode, groups: readonly RegionGroup[]) {
  return {
    places: groups.map((g): [number, number] => [g.latitude, g.longitude]),
    token: `${mode.scene}:${groups.map((g) => g.key).join(",")}`,
    panelShare: mode.scene > 0 ? PANEL_SHARE : 0,
  };
}

function average(values: ReadonlyMap<string, number> | undefined): number | null {
  if (!values || values.size === 0) return null;
  let sum = 0;
  for (const v of values.values()) sum += v;
  return sum / values.size;
}

/** An MCI presented: running/total, regions, cost, CPU in big numbers, its deployment clock, three scenes. */
export function MciPresentation({ mode, mci, groups }: { mode: PresentMode; mci: MciView; groups: readonly RegionGroup[] }) {
  const avgCpu = average(useLatestMetric(mci.id, "cpu_utilization", mci.vms));
  const span = useMemo(() => deploymentSpan(mci), [mci]);
  const count = mci.statusCount;
  const providers = new Set(groups.map((g) => g.provider)).size;
  const figures = [
    { id: "running", label: "VMs running", value: `${count.running.toLocaleString("en-US")}/${count.total.toLocaleString("en-US")}`, colour: count.running === count.total && count.total > 0 ? "#6ee7b7" : "white" },
    { id: "regions", label: `Regions, ${plural(providers, "cloud")}`, value: String(groups.length) },
    { id: "cost", label: "Cost now", value: formatPrice(mci.costPerHour).replace("/h", ""), unit: "/h", colour: "#a7f3d0" },
    { id: "cpu", label: "Average CPU", value: avgCpu === null ? "–" : String(Math.round(avgCpu)), unit: "%" },
  ];
  const captions = [
    `${mci.name}: ${plural(count.total, "VM")} in ${plural(groups.length, "region")} of ${plural(providers, "cloud")}, controlled as one`,
    `Status, live: ${progressText(count)}`,
    "Resource use: CPU and memory of every VM over the last 15 minutes",
  ];
  return (
    <PresentShell mode={mode} title={`MCI ${mci.name}`} figures={figures} clock={{ span, label: mci.name }} captions={captions}>
      {mode.scene === 0 && <StatusKey mci={mci} />}
      {mode.scene === 1 && <StatusScene mci={mci} />}
      {mode.scene === 2 && <ResourceScene mciId={mci.id} />}
    </PresentShell>
  );
}

/** A small key to the rings' colours while the map is the whole scene. */
function StatusKey({ mci }: { mci: MciView }) {
  return (
    <ul className={`${TYPE.hint} absolute bottom-[13vh] left-[3vmin] flex flex-wrap gap-x-[1.2em] text-slate-200`}>
      {statusSegments(mci.statusCount).map((s) => (
        <li key={s.status} className="flex items-center gap-[0.4em]">
          <span aria-hidden className="inline-block h-[0.8em] w-[0.8em] rounded-full" style={{ backgroundColor: s.colour, opacity: s.opacity }} />
          {s.status}
        </li>
      ))}
    </ul>
  );
}

function StatusScene({ mci }: { mci: MciView }) {
  const count = mci.statusCount;
  const segments = statusSegments(count);
  return (
    <ScenePanel testId="present-status" label="VM status">
      <p className={`${TYPE.label} text-slate-300`}>VMs by status</p>
      <div className="mt-[2vmin] flex h-[4vmin] overflow-hidden rounded-full bg-slate-800" role="img" aria-label={progressText(count)}>
        {segments.map((s) => (
          <div key={s.status} style={{ width: `${(100 * s.count) / Math.max(1, count.total)}%`, backgroundColor: s.colour, opacity: s.opacity }} />
        ))}
      </div>
      <dl className="mt-[3vmin] grid grid-cols-2 gap-x-[4vmin] gap-y-[2vmin]">
        {segments.map((s) => (
          <div key={s.status} data-testid={`present-status-${s.status.toLowerCase()}`}>
            <dt className={`${TYPE.label} flex items-center gap-[0.4em] text-slate-200`}>
              <span aria-hidden className="inline-block h-[0.7em] w-[0.7em] rounded-full" style={{ backgroundColor: s.colour, opacity: s.opacity }} />
              {s.status}
            </dt>
            <dd className={`${TYPE.value} font-semibold tabular-nums leading-none`}>{s.count.toLocaleString("en-US")}</dd>
          </div>
        ))}
      </dl>
    </ScenePanel>
  );
}

function ResourceScene({ mciId }: { mciId: string }) {
  const sources = (metric: "cpu_utilization" | "mem_utilization"): ChartSource[] => [
    {
      request: { mci: mciId, metric, combine: "avg", agg: "avg" },
      series: (a) => a.series.map((s) => ({ key: "avg", label: `average of ${s.vms ?? 0} VMs`, colour: AVG_COLOUR, points: s.points })),
    },
    {
      request: { mci: mciId, metric, combine: "max", agg: "max" },
      series: (a) => a.series.map((s) => ({ key: "max", label: "busiest VM", colour: MAX_COLOUR, points: s.points, dashed: true })),
    },
  ];
  return (
    <ScenePanel testId="present-resources" label="Resource use">
      <div className="space-y-[2vmin]">
        <ChartCard testId="present-chart-cpu" title="CPU" unit="%" range={CHART_RANGE} sources={sources("cpu_utilization")} height={180} emptyText="No samples yet: VMs report once they run." />
        <ChartCard testId="present-chart-memory" title="Memory" unit="%" range={CHART_RANGE} sources={sources("mem_utilization")} height={180} emptyText="No samples yet: VMs report once they run." />
      </div>
    </ScenePanel>
  );
}
