import type { Image, Spec } from "@/lib/core/types";

/** What the user asked for one subgroup; unset choices fall back to a suggestion. */
export type SubgroupDraft = {
  count: number;
  minVcpu: number;
  minMemoryGiB: number;
  /** USD per hour; null = no limit. */
  maxPrice: number | null;
  /** null = the cheapest spec that fits the filters. */
  specId: string | null;
  /** null = the region's default image. */
  imageId: string | null;
};

export const DEFAULT_DRAFT: SubgroupDraft = { count: 1, minVcpu: 1, minMemoryGiB: 1, maxPrice: null, specId: null, imageId: null };

export type ResolvedSubgroup = {
  region: string;
  draft: SubgroupDraft;
  /** Specs that fit the filters, cheapest first. */
  fits: Spec[];
  spec: Spec | null;
  suggested: boolean;
  images: Image[];
  image: Image | null;
  /** Why this subgroup cannot be made yet, and what to change; null when it can. */
  problem: string | null;
  loading: boolean;
  /** A pool of your own servers (an ssh connection): only a count is asked, the hosts are what they are. */
  hostPool?: boolean;
};

export function specFits(spec: Spec, d: Pick<SubgroupDraft, "minVcpu" | "minMemoryGiB" | "maxPrice">): boolean {
  return spec.vcpu >= d.minVcpu && spec.memoryGiB >= d.minMemoryGiB && (d.maxPrice === null || spec.pricePerHour <= d.maxPrice);
}

/** Cheapest first; on a tie the smaller machine, then the name, so the suggestion never flips between renders. */
export function compareSpecs(a: Spec, b: Spec): number {
  return a.pricePerHour - b.pricePerHour || a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB || a.name.localeCompare(b.name);
}

export function resolveSubgroup(region: string, draft: SubgroupDraft, specs: Spec[] | undefined, images: Image[] | undefined, error: string | undefined, hostPool = false): ResolvedSubgroup {
  if (hostPool) return { region, draft, fits: [], spec: null, suggested: false, images: [], image: null, problem: null, loading: false, hostPool: true };
  const fits = (specs ?? []).filter((s) => specFits(s, draft)).sort(compareSpecs);
  const picked = draft.specId ? (specs ?? []).find((s) => s.id === draft.specId) ?? null : null;
  const spec = picked ?? fits[0] ?? null;
  const imageList = images ?? [];
  const image = (draft.imageId ? imageList.find((i) => i.id === draft.imageId) : undefined) ?? imageList.find((i) => i.isDefault) ?? imageList[0] ?? null;
  const loading = !error && (!specs || !images);
  let problem: string | null = null;
  if (error) problem = `The catalogue for ${region} could not be loaded: ${error}`;
  else if (!loading && specs!.length === 0) problem = `${region} offers no VM spec; remove it or pick another region.`;
  else if (!loading && !spec) problem = "No spec fits these filters: lower the minimum vCPU or memory, or raise the price limit.";
  else if (!loading && !image) problem = `${region} lists no image to boot.`;
  return { region, draft, fits, spec, suggested: !picked, images: imageList, image, problem, loading };
}
