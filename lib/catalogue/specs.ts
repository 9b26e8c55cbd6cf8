/**
 * Expands the compact spec file (family definitions + regional factors + quotes) into the
 * specs one region offers. Pure: the caller passes the parsed JSON and the region.
 */
import type { Accelerator, Region, RegionKey, Spec } from "@/lib/core/types";

type SourceCode = "t" | "l" | "m";
/** [name, vcpu, memoryGiB, price at the family's anchor (null: only where quoted), source, accelerator?] */
export type SizeTuple = [string, number, number, number | null, SourceCode, [string, number, number | null]?];

export interface FamilyLine {
  /** provider id */
  p: string;
  /** family name, e.g. `m5` */
  f: string;
  gpu: 0 | 1;
  /** Region codes where the prices apply as written; the first is the base for regional scaling. */
  at: string[];
  s: SizeTuple[];
}

export interface SpecsFile {
  /** Price level per region relative to US East = 1.0. */
  factors: Record<RegionKey, number>;
  gpuRegions: RegionKey[];
  families: FamilyLine[];
  /** Region-specific CB-Tumblebug prices (USD/h) that override everything else. */
  quotes: Record<RegionKey, Record<string, number>>;
}

const SOURCE: Record<SourceCode, Spec["priceSource"]> = { t: "tumblebug", l: "list", m: "modelled" };

const round4 = (x: number) => Math.max(0.0001, Math.round(x * 1e4) / 1e4);

function toAccelerator(acc: SizeTuple[5]): Accelerator | null {
  if (!acc) return null;
  const [model, count, memoryGiB] = acc;
  return { type: "gpu", model, count, memoryGiB };
}

function byPriceThenName(a: Spec, b: Spec): number {
  if (a.pricePerHour !== b.pricePerHour) return a.pricePerHour - b.pricePerHour;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function expandSpecs(data: SpecsFile, region: Region, gpuRegions: ReadonlySet<RegionKey>): Spec[] {
  const { key, provider } = region;
  const factor = data.factors[key];
  const quotes = data.quotes[key] ?? {};
  const offersGpu = gpuRegions.has(key);
  const specs: Spec[] = [];
  for (const fam of data.families) {
    if (fam.p !== provider || (fam.gpu && !offersGpu)) continue;
    const baseFactor = fam.at.length ? data.factors[`${provider}-${fam.at[0]}`] : undefined;
    for (const [name, vcpu, memoryGiB, price, src, acc] of fam.s) {
      let pricePerHour: number;
      let priceSource: Spec["priceSource"];
      if (quotes[name] !== undefined) {
        pricePerHour = quotes[name];
        priceSource = "tumblebug";
      } else if (price === null) {
        continue; // sold only where CB-Tumblebug quotes it (NCP, KT)
      } else if (fam.at.includes(region.region)) {
        pricePerHour = price;
        priceSource = SOURCE[src];
      } else {
        if (factor === undefined || baseFactor === undefined) continue;
        pricePerHour = round4((price * factor) / baseFactor);
        priceSource = "modelled";
      }
      specs.push({
        id: `${provider}+${region.region}+${name}`,
        name,
        provider,
        regionKey: key,
        vcpu,
        memoryGiB,
        accelerator: toAccelerator(acc),
        pricePerHour,
        priceSource,
        family: fam.f,
      });
    }
  }
  return specs.sort(byPriceThenName);
}
