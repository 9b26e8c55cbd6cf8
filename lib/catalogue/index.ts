/**
 * The cloud catalogue: every enabled region of every provider, the VM specs each offers and
 * the images each can boot. Read-only data built by scripts/build-catalogue.mjs from
 * CB-Tumblebug's assets (see README.md beside this file). Pure: no framework or I/O.
 */
import type { Image, ProviderId, Region, RegionKey, Spec } from "@/lib/core/types";
import { NotFoundError } from "@/lib/core/errors";
import regionsJson from "./data/regions.json";
import specsJson from "./data/specs.json";
import imagesJson from "./data/images.json";
import { expandSpecs, type SpecsFile } from "./specs";

export interface ProviderInfo {
  id: ProviderId;
  name: string;
  regionCount: number;
}

interface RegionsFile {
  providers: { id: ProviderId; name: string }[];
  regions: Region[];
}
type ImageRow = Image & { provider: ProviderId; regions?: string[] };

const regionsFile = regionsJson as unknown as RegionsFile;
const specsFile = specsJson as unknown as SpecsFile;
const imageRows = (imagesJson as unknown as { images: ImageRow[] }).images;

// Frozen because the same objects are handed to every caller; a stray mutation would
// silently change the catalogue for the whole process.
function freezeDeep<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === "object") freezeDeep(v);
  return Object.freeze(o);
}

const REGIONS: readonly Region[] = regionsFile.regions.map((r) => freezeDeep({ ...r, zones: [...r.zones] }));
const REGION_BY_KEY = new Map(REGIONS.map((r) => [r.key, r]));
const GPU_REGIONS: ReadonlySet<RegionKey> = new Set(specsFile.gpuRegions);

const PROVIDERS: readonly ProviderInfo[] = regionsFile.providers
  .map((p) => freezeDeep({ id: p.id, name: p.name, regionCount: REGIONS.filter((r) => r.provider === p.id).length }))
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const IMAGES_BY_PROVIDER = new Map<ProviderId, ImageRow[]>();
for (const row of imageRows) {
  const list = IMAGES_BY_PROVIDER.get(row.provider) ?? [];
  list.push(row);
  IMAGES_BY_PROVIDER.set(row.provider, list);
}

const specCache = new Map<RegionKey, readonly Spec[]>();
const imageCache = new Map<RegionKey, readonly Image[]>();

export function listProviders(): ProviderInfo[] {
  return [...PROVIDERS];
}

export function listRegions(provider?: ProviderId): Region[] {
  return provider === undefined ? [...REGIONS] : REGIONS.filter((r) => r.provider === provider);
}

export function getRegion(key: RegionKey): Region | undefined {
  return REGION_BY_KEY.get(key);
}

export function listSpecs(regionKey: RegionKey): Spec[] {
  let specs = specCache.get(regionKey);
  if (!specs) {
    const region = REGION_BY_KEY.get(regionKey);
    if (!region) return [];
    specs = expandSpecs(specsFile, region, GPU_REGIONS).map(freezeDeep);
    specCache.set(regionKey, specs);
  }
  return [...specs];
}

export function getSpec(regionKey: RegionKey, idOrName: string): Spec | undefined {
  return listSpecs(regionKey).find((s) => s.id === idOrName || s.name === idOrName);
}

function toImage(row: ImageRow): Image {
  return freezeDeep({
    id: row.id,
    name: row.name,
    os: row.os,
    architecture: row.architecture,
    description: row.description,
    isDefault: row.isDefault,
  });
}

export function listImages(regionKey: RegionKey): Image[] {
  let images = imageCache.get(regionKey);
  if (!images) {
    const region = REGION_BY_KEY.get(regionKey);
    if (!region) return [];
    images = (IMAGES_BY_PROVIDER.get(region.provider) ?? [])
      .filter((i) => !i.regions || i.regions.includes(region.region))
      .map(toImage)
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
    imageCache.set(regionKey, images);
  }
  return [...images];
}

export function getImage(regionKey: RegionKey, id: string): Image | undefined {
  return listImages(regionKey).find((i) => i.id === id);
}

/** Throws NotFoundError for a provider the catalogue does not know. */
export function defaultImage(provider: ProviderId): Image {
  const row = IMAGES_BY_PROVIDER.get(provider)?.find((i) => i.isDefault);
  if (!row) throw new NotFoundError(`No default image for provider "${provider}": it is not in the catalogue`);
  return toImage(row);
}
