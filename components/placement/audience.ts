import { createRng } from "@/lib/core/rng";
import type { City } from "./cities";

/** One audience point: where, how many people (or how much traffic), and what to call it. */
export type AudiencePoint = { id: number; lat: number; lon: number; weight: number; label: string };

export type CsvProblem = { line: number; message: string };

let nextId = 1;
export function newPointId(): number {
  return nextId++;
}

export function makePoint(lat: number, lon: number, weight = 1, label = ""): AudiencePoint {
  return { id: newPointId(), lat: round(lat), lon: round(wrapLon(lon)), weight, label };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function wrapLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/**
 * `lat,lon,weight[,label]` per line, header optional; a bad line is reported with its number and
 * skipped, so one typo does not throw away a thousand good rows.
 */
export function parseAudienceCsv(text: string): { points: AudiencePoint[]; problems: CsvProblem[] } {
  const points: AudiencePoint[] = [];
  const problems: CsvProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const row = raw.trim();
    if (!row || row.startsWith("#")) return;
    const cells = row.split(",").map((c) => c.trim());
    if (line === 1 && /^lat/i.test(cells[0])) return;
    const [latText, lonText, weightText, ...rest] = cells;
    const lat = Number(latText);
    const lon = Number(lonText);
    const weight = weightText === undefined || weightText === "" ? 1 : Number(weightText);
    if (cells.length < 2 || latText === "" || lonText === "") problems.push({ line, message: "needs at least lat,lon" });
    else if (!Number.isFinite(lat) || lat < -90 || lat > 90) problems.push({ line, message: `lat "${latText}" is not a number from -90 to 90` });
    else if (!Number.isFinite(lon) || lon < -180 || lon > 180) problems.push({ line, message: `lon "${lonText}" is not a number from -180 to 180` });
    else if (!Number.isFinite(weight) || weight <= 0) problems.push({ line, message: `weight "${weightText}" is not a number above 0` });
    else points.push(makePoint(lat, lon, weight, rest.join(",").replace(/^"|"$/g, "")));
  });
  return { points, problems };
}

export type PresetId = "global-conference" | "korea-us-europe" | "population-1000";

export const PRESETS: { id: PresetId; label: string; hint: string }[] = [
  { id: "global-conference", label: "Global conference", hint: "8 cities on 5 continents" },
  { id: "korea-us-europe", label: "Korea + US + Europe", hint: "three teams, weighted by size" },
  { id: "population-1000", label: "1,000 users by population", hint: "sampled from world cities" },
];

const GLOBAL_CONFERENCE: [string, number, number, number][] = [
  ["Seoul", 37.57, 126.98, 3],
  ["Tokyo", 35.68, 139.69, 1],
  ["Singapore", 1.35, 103.82, 1],
  ["London", 51.51, -0.13, 2],
  ["Frankfurt", 50.11, 8.68, 1],
  ["New York", 40.71, -74.01, 2],
  ["San Francisco", 37.77, -122.42, 1],
  ["São Paulo", -23.55, -46.63, 1],
  ["Sydney", -33.87, 151.21, 1],
  ["Johannesburg", -26.2, 28.05, 1],
];

const KOREA_US_EUROPE: [string, number, number, number][] = [
  ["Seoul", 37.57, 126.98, 5],
  ["Busan", 35.18, 129.08, 2],
  ["Daejeon", 36.35, 127.38, 2],
  ["New York", 40.71, -74.01, 3],
  ["Chicago", 41.88, -87.63, 1],
  ["Seattle", 47.61, -122.33, 2],
  ["London", 51.51, -0.13, 2],
  ["Paris", 48.86, 2.35, 1],
  ["Berlin", 52.52, 13.4, 1],
];

/** Deterministic: the same 1,000 points every time, each city drawn with odds by its population. */
function samplePopulation(cities: readonly City[], n: number): AudiencePoint[] {
  const rng = createRng(20_221_115);
  const cumulative: number[] = [];
  let total = 0;
  for (const c of cities) cumulative.push((total += c[4]));
  const points: AudiencePoint[] = [];
  for (let i = 0; i < n; i++) {
    const target = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    const c = cities[lo];
    // A little scatter so people of one city do not sit on one pixel.
    points.push(makePoint(Math.max(-89, Math.min(89, c[2] + (rng() - 0.5) * 0.6)), c[3] + (rng() - 0.5) * 0.6, 1, c[0]));
  }
  return points;
}

export function presetAudience(id: PresetId, cities: readonly City[]): AudiencePoint[] {
  if (id === "population-1000") return samplePopulation(cities, 1000);
  const rows = id === "global-conference" ? GLOBAL_CONFERENCE : KOREA_US_EUROPE;
  return rows.map(([label, lat, lon, weight]) => makePoint(lat, lon, weight, label));
}

// Beyond this a URL gets unwieldy; the population preset is kept by its name instead.
export const URL_MAX_POINTS = 60;

export function encodeAudience(points: readonly AudiencePoint[]): string {
  return points.map((p) => [p.lat, p.lon, p.weight, encodeURIComponent(p.label).replace(/[;,]/g, "")].join(",")).join(";");
}

export function decodeAudience(value: string | null): AudiencePoint[] {
  if (!value) return [];
  return value
    .split(";")
    .map((row) => row.split(","))
    .map(([lat, lon, weight, label]) => ({ lat: Number(lat), lon: Number(lon), weight: Number(weight ?? 1), label: safeDecode(label ?? "") }))
    .filter((p) => Number.isFinite(p.lat) && Math.abs(p.lat) <= 90 && Number.isFinite(p.lon) && Math.abs(p.lon) <= 180 && p.weight > 0)
    .map((p) => makePoint(p.lat, p.lon, p.weight, p.label));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return "";
  }
}

export function searchCities(cities: readonly City[], query: string, limit = 8): City[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const starts: City[] = [];
  const contains: City[] = [];
  for (const c of cities) {
    const name = c[0].toLowerCase();
    if (name.startsWith(q)) starts.push(c);
    else if (name.includes(q) || c[1].toLowerCase().startsWith(q)) contains.push(c);
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}
