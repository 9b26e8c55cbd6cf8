import { listProviders, listRegions } from "@/lib/catalogue";
import { DRIVER_KINDS } from "@/lib/core/drivers";

export type RegionChoice = { region: string; name: string };
export type ProviderChoice = { id: string; name: string; regions: RegionChoice[] };

/** What the add form offers: every provider of the catalogue with its regions, read on the server. */
export function providerChoices(): ProviderChoice[] {
  return listProviders().map((p) => ({
    id: p.id,
    name: p.name,
    regions: listRegions(p.id)
      .map((r) => ({ region: r.region, name: r.name }))
      .sort((a, b) => a.region.localeCompare(b.region)),
  }));
}

export function driverChoices(): string[] {
  return [...DRIVER_KINDS];
}
