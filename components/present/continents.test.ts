import { describe, expect, it } from "vitest";
import { continentOf, groupByContinent } from "./continents";

describe("continentOf", () => {
  it.each([
    ["Virginia", 38.9, -77.4, "North America"],
    ["São Paulo", -23.5, -46.6, "South America"],
    ["Frankfurt", 50.1, 8.7, "Europe"],
    ["Istanbul", 41, 29, "Europe"],
    ["Tel Aviv", 32.1, 34.8, "Middle East"],
    ["Dubai", 25.2, 55.3, "Middle East"],
    ["Cape Town", -33.9, 18.4, "Africa"],
    ["Cairo", 30, 31.2, "Africa"],
    ["Nairobi", -1.3, 36.8, "Africa"],
    ["Mumbai", 19.1, 72.9, "Asia"],
    ["Jakarta", -6.2, 106.8, "Asia"],
    ["Tokyo", 35.7, 139.7, "Asia"],
    ["Sydney", -33.9, 151.2, "Oceania"],
    ["Auckland", -36.8, 174.8, "Oceania"],
  ])("%s is in %s", (_name, lat, lon, continent) => {
    expect(continentOf(lat, lon)).toBe(continent);
  });

  it("reads longitudes past ±180 as the same place", () => {
    expect(continentOf(35.7, 139.7 - 360)).toBe("Asia");
  });
});

describe("groupByContinent", () => {
  it("keeps only continents with places, in a fixed order, with their provider count", () => {
    const groups = groupByContinent([
      { latitude: 35.7, longitude: 139.7, provider: "aws" },
      { latitude: 50.1, longitude: 8.7, provider: "aws" },
      { latitude: 51.5, longitude: -0.1, provider: "gcp" },
    ]);
    expect(groups.map((g) => [g.continent, g.places.length, g.providers])).toEqual([
      ["Europe", 2, 2],
      ["Asia", 1, 1],
    ]);
  });
});
