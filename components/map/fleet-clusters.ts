import { LATEST_WINDOW_WORDS } from "@/lib/core/metrics";
import { heatColour, NO_DATA_COLOUR } from "@/lib/core/palette";
import type { FleetRegion, FleetView } from "@/lib/validation/fleet";
import { progressText, statusSegments } from "@/components/mci/status-display";
import type { ClusterLook, MarkerItem } from "@/components/mci/status-marker-layer";
import { compactCount, statusCountOf, type FleetMode } from "./fleet-items";

/** Region names and MCI names a group's tooltip lists before it says how many more there are. */
const TOOLTIP_REGIONS = 8;
const TOOLTIP_MCIS = 6;

function listed(lines: string[], limit: number, noun: string): string[] {
  return lines.length > limit ? [...lines.slice(0, limit), `and ${lines.length - limit} more ${noun}`] : lines;
}

/** The MCIs with VMs in any of the regions, VMs summed over them, most first. */
function groupMcis(view: FleetView, regions: readonly FleetRegion[]): string[] {
  const counts = new Map<number, number>();
  for (const r of regions) for (const m of r.mcis) counts.set(m.mci, (counts.get(m.mci) ?? 0) + m.count);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([i, n]) => `${view.mcis[i].name} (${view.mcis[i].namespace}): ${n.toLocaleString("en-US")} VMs`);
}

/**
 * How the regions of one group look as a single ring: the status counts summed (or, coloured by CPU,
 * the reporting VMs' average), the summed VM count, and a tooltip naming the regions and MCIs.
 */
export function fleetClusterLook(view: FleetView, mode: FleetMode): (members: readonly MarkerItem[]) => ClusterLook {
  const byKey = new Map(view.regions.map((r) => [r.key, r]));
  return (members) => {
    const regions = members.map((m) => byKey.get(m.key)).filter((r): r is FleetRegion => r !== undefined);
    const count = statusCountOf({});
    for (const r of regions) {
      const c = statusCountOf(r.byStatus);
      for (const k of Object.keys(count) as (keyof typeof count)[]) count[k] += c[k];
    }
    const regionLines = listed(
      [...regions].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)).map((r) => `${r.name} (${r.key}): ${r.total.toLocaleString("en-US")} VMs`),
      TOOLTIP_REGIONS,
      "regions",
    );
    const mciLines = listed(groupMcis(view, regions), TOOLTIP_MCIS, "MCIs");
    const head = `${regions.length} regions · ${count.total.toLocaleString("en-US")} VMs (click to zoom in)`;
    if (mode === "cpu") {
      const reporting = regions.reduce((n, r) => n + r.cpuReporting, 0);
      const cpu = reporting > 0 ? regions.reduce((s, r) => s + (r.cpu ?? 0) * r.cpuReporting, 0) / reporting : null;
      const missing = count.total - reporting;
      return {
        segments: [...(cpu !== null ? [{ colour: heatColour(cpu), count: reporting }] : []), ...(missing > 0 ? [{ colour: NO_DATA_COLOUR, count: missing }] : [])],
        label: cpu === null ? "–" : String(Math.round(cpu)),
        disc: cpu === null ? undefined : heatColour(cpu),
        tooltip: [head, cpu === null ? `CPU: no VM reported in the last ${LATEST_WINDOW_WORDS}` : `CPU: average ${cpu.toFixed(1)}% of ${reporting} reporting VMs`, ...regionLines, ...mciLines].join("\n"),
      };
    }
    return {
      segments: statusSegments(count).map((s) => ({ colour: s.colour, count: s.count, opacity: s.opacity })),
      label: compactCount(count.total),
      tooltip: [head, progressText(count), ...regionLines, ...mciLines].join("\n"),
    };
  };
}
