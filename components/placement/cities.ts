import { cityMapping } from "city-timezones";

/** [name, country, lat, lon, population]: compact, because the list travels to the browser. */
export type City = [string, string, number, number, number];

// Above this many people a city is worth offering: about 2,900 of the package's 7,300 entries.
const MIN_POPULATION = 100_000;

let trimmed: City[] | null = null;

/** The cities the audience search and presets draw from, largest first. */
export function listCities(): City[] {
  trimmed ??= cityMapping
    .filter((c) => c.pop >= MIN_POPULATION)
    .sort((a, b) => b.pop - a.pop)
    .map((c): City => [c.city, c.country, Math.round(c.lat * 1000) / 1000, Math.round(c.lng * 1000) / 1000, Math.round(c.pop)]);
  return trimmed;
}
