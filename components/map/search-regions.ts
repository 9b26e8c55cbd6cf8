import type { MapRegion } from "./use-catalogue";

function tokenScore(token: string, region: MapRegion): number {
  const key = region.key.toLowerCase();
  const code = region.region.toLowerCase();
  const name = region.name.toLowerCase();
  if (key === token || code === token) return 100;
  // Names read "South Korea (Seoul)": a word start hits the country or the city.
  if (new RegExp(`(^|[\\s(])${escapeRegExp(token)}`).test(name)) return 60;
  if (key.startsWith(token) || code.startsWith(token)) return 50;
  if (region.provider === token) return 40;
  if (name.includes(token)) return 30;
  if (key.includes(token)) return 20;
  return 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Regions matching every word of the query (key, region code, city, country or provider), best first. */
export function searchRegions(regions: readonly MapRegion[], query: string, limit = 8): MapRegion[] {
  const tokens = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return [];
  const scored: { region: MapRegion; score: number }[] = [];
  for (const region of regions) {
    let score = 0;
    for (const token of tokens) {
      const s = tokenScore(token, region);
      if (s === 0) {
        score = 0;
        break;
      }
      score += s;
    }
    if (score > 0) scored.push({ region, score });
  }
  scored.sort((a, b) => b.score - a.score || a.region.key.localeCompare(b.region.key));
  return scored.slice(0, limit).map((s) => s.region);
}
