import { countStatuses, type StatusCount } from "@/lib/core/mci-status";
import { LATEST_WINDOW_WORDS } from "@/lib/core/metrics";
import { heatColour, NO_DATA_COLOUR } from "@/lib/core/palette";
import type { VmStatus } from "@/lib/core/types";
import type { FleetMci, FleetRegion, FleetView } from "@/lib/validation/fleet";
import { progressText, statusSegments } from "@/components/mci/status-display";
import { radiusForCount } from "@/components/mci/marker-radius";
import type { MarkerItem } from "@/components/mci/status-marker-layer";

/** How the fleet's rings are coloured: by the VMs' status, or by their CPU utilisation. */
export type FleetMode = "status" | "cpu";

/** The MCI names a tooltip lists before it says how many more there are. */
const TOOLTIP_MCIS = 6;

/** The server's per-status counts as the status helpers take them (statuses it left out count 0). */
export function statusCountOf(byStatus: FleetRegion["byStatus"]): StatusCount {
  const count = countStatuses([]);
  for (const [status, n] of Object.entries(byStatus) as [VmStatus, number][]) {
    count[status.toLowerCase() as Exclude<keyof StatusCount, "total">] += n;
    count.total += n;
  }
  return count;
}

/** A count that fits in a ring: 950, 1.2k, 10k. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  const k = n / 1000;
  return `${k < 10 ? Number(k.toFixed(1)) : Math.round(k)}k`;
}

/** The MCIs with VMs in a region, most VMs first, with their namespace and count. */
export function regionMcis(view: FleetView, region: FleetRegion): (FleetMci & { count: number })[] {
  return region.mcis.map((m) => ({ ...view.mcis[m.mci], count: m.count }));
}

function mciLines(view: FleetView, region: FleetRegion): string[] {
  const mcis = regionMcis(view, region);
  const lines = mcis.slice(0, TOOLTIP_MCIS).map((m) => `${m.name} (${m.namespace}): ${m.count.toLocaleString("en-US")} VMs`);
  if (mcis.length > TOOLTIP_MCIS) lines.push(`and ${mcis.length - TOOLTIP_MCIS} more MCIs (click to pick)`);
  return lines;
}

function cpuLine(region: FleetRegion): string {
  return region.cpu === null ? `CPU: no VM reported in the last ${LATEST_WINDOW_WORDS}` : `CPU: average ${region.cpu.toFixed(1)}% of ${region.cpuReporting} reporting VMs`;
}

/**
 * One ring per region: cut by status (the MCI page's colours), or a heat disc of the average CPU
 * with the reporting VMs' share of the ring in its colour and the rest grey. Built only when the
 * answer changed (react-query keeps an unchanged answer's identity), so polls redraw nothing.
 */
export function fleetItems(view: FleetView, mode: FleetMode): MarkerItem[] {
  return view.regions.map((r) => {
    const count = statusCountOf(r.byStatus);
    const head = `${r.name}\n${r.key}\n${progressText(count)}`;
    if (mode === "cpu") {
      const missing = r.total - r.cpuReporting;
      return {
        key: r.key,
        latitude: r.latitude,
        longitude: r.longitude,
        segments: [
          ...(r.cpu !== null ? [{ colour: heatColour(r.cpu), count: r.cpuReporting }] : []),
          ...(missing > 0 ? [{ colour: NO_DATA_COLOUR, count: missing }] : []),
        ],
        label: r.cpu === null ? "–" : String(Math.round(r.cpu)),
        radius: Math.max(16, radiusForCount(r.total)),
        offset: [0, 0],
        highlight: false,
        disc: r.cpu === null ? undefined : heatColour(r.cpu),
        tooltip: [head, cpuLine(r), ...mciLines(view, r)].join("\n"),
      };
    }
    return {
      key: r.key,
      latitude: r.latitude,
      longitude: r.longitude,
      segments: statusSegments(count).map((s) => ({ colour: s.colour, count: s.count, opacity: s.opacity })),
      label: compactCount(r.total),
      radius: radiusForCount(r.total),
      offset: [0, 0],
      highlight: false,
      tooltip: [head, ...(r.cpu !== null ? [cpuLine(r)] : []), ...mciLines(view, r)].join("\n"),
    };
  });
}
