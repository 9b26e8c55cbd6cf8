/**
 * The home map's tour: the whole world, then each continent that has regions. Continents are told
 * apart by coarse boxes, which is all a camera needs (a region's exact country does not matter here).
 */

export type Continent = "North America" | "South America" | "Europe" | "Middle East" | "Africa" | "Asia" | "Oceania";

export const CONTINENTS: readonly Continent[] = ["North America", "South America", "Europe", "Middle East", "Africa", "Asia", "Oceania"];

/** The continent a point lies on, by longitude and latitude boxes checked in order. */
export function continentOf(lat: number, lon: number): Continent {
  const x = ((((lon + 180) % 360) + 360) % 360) - 180;
  if (x < -30) return lat < 13 ? "South America" : "North America";
  if (x < 60) {
    if (lat >= 36 && x < 45) return "Europe";
    if (lat >= 12 && x >= 34) return "Middle East";
    if (lat < 36 && (x < 34 || lat < 12)) return "Africa";
    return "Europe";
  }
  if (lat < -10 || (x > 110 && lat < -5)) return "Oceania";
  return "Asia";
}

type Place = { latitude: number; longitude: number; provider: string };

export type ContinentGroup<T extends Place> = { continent: Continent; places: T[]; providers: number };

/** The continents with at least one place, in the order of CONTINENTS, each with its places. */
export function groupByContinent<T extends Place>(places: readonly T[]): ContinentGroup<T>[] {
  const groups = new Map<Continent, T[]>();
  for (const p of places) {
    const c = continentOf(p.latitude, p.longitude);
    const list = groups.get(c);
    if (list) list.push(p);
    else groups.set(c, [p]);
  }
  return CONTINENTS.flatMap((continent) => {
    const list = groups.get(continent);
    return list ? [{ continent, places: list, providers: new Set(list.map((p) => p.provider)).size }] : [];
  });
}
