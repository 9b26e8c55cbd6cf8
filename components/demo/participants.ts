/**
 * The conference tour's participants: twelve cities on six continents, each weighted by its urban
 * population in millions (UN World Urbanization Prospects, rounded), so big cities count for more.
 */
export interface Participant {
  label: string;
  lat: number;
  lon: number;
  weight: number;
}

export const CONFERENCE_PARTICIPANTS: readonly Participant[] = [
  { label: "Tokyo", lat: 35.68, lon: 139.69, weight: 37.2 },
  { label: "Seoul", lat: 37.57, lon: 126.98, weight: 10 },
  { label: "Singapore", lat: 1.35, lon: 103.82, weight: 6 },
  { label: "Mumbai", lat: 19.08, lon: 72.88, weight: 20.7 },
  { label: "Cairo", lat: 30.04, lon: 31.24, weight: 21.3 },
  { label: "Lagos", lat: 6.52, lon: 3.38, weight: 15.4 },
  { label: "London", lat: 51.51, lon: -0.13, weight: 9.5 },
  { label: "Paris", lat: 48.86, lon: 2.35, weight: 11.1 },
  { label: "New York", lat: 40.71, lon: -74.01, weight: 18.8 },
  { label: "Los Angeles", lat: 34.05, lon: -118.24, weight: 12.5 },
  { label: "São Paulo", lat: -23.55, lon: -46.63, weight: 22.4 },
  { label: "Sydney", lat: -33.87, lon: 151.21, weight: 5.1 },
];

/** The placement page's `?audience=` value (lat,lon,weight,label;…), so the page shows the same people. */
export function audienceParam(points: readonly Participant[]): string {
  return points.map((p) => [p.lat, p.lon, p.weight, encodeURIComponent(p.label).replace(/[;,]/g, "")].join(",")).join(";");
}
