import { heatColour, NO_DATA_COLOUR } from "@/lib/core/palette";

export type HeatSegment = { colour: string; count: number };

/** The bands a ring is cut into: VMs within one band share a colour, so a ring of 200 VMs stays a few arcs. */
const BAND = 10;

/**
 * How one region looks on a heat map: its VMs as arcs coloured by their value, hottest first, VMs
 * without a value (not running, or not reported yet) as grey, plus the average and maximum.
 */
export function regionHeat(vmIds: readonly string[], values: ReadonlyMap<string, number>) {
  const bands = new Map<number, number>();
  let missing = 0;
  let sum = 0;
  let max = -Infinity;
  for (const id of vmIds) {
    const v = values.get(id);
    if (v === undefined) {
      missing++;
      continue;
    }
    sum += v;
    max = Math.max(max, v);
    const band = Math.min(100 / BAND - 1, Math.max(0, Math.floor(v / BAND)));
    bands.set(band, (bands.get(band) ?? 0) + 1);
  }
  const reporting = vmIds.length - missing;
  const segments: HeatSegment[] = [...bands.entries()]
    .sort(([a], [b]) => b - a)
    .map(([band, count]) => ({ colour: heatColour(band * BAND + BAND / 2), count }));
  if (missing > 0) segments.push({ colour: NO_DATA_COLOUR, count: missing });
  return { segments, reporting, average: reporting > 0 ? sum / reporting : null, max: reporting > 0 ? max : null };
}
