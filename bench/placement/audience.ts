import type { AudiencePoint } from "@/lib/placement";
import { createRng } from "@/lib/core/rng";
import { CITIES } from "./cities";

/**
 * A synthetic world audience: each user picks a city with probability proportional to its
 * population and stands at a normal offset from its centre (σ from 8 km for a small city to
 * ~30 km for the largest metros), with a weight of 1–10 (people behind one point). Seeded, so
 * every run benchmarks the same users.
 */
export function worldAudience(users: number, seed = 7): AudiencePoint[] {
  const rng = createRng(seed);
  const total = CITIES.reduce((s, c) => s + c[3], 0);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const out: AudiencePoint[] = [];
  for (let u = 0; u < users; u++) {
    let pick = rng() * total;
    let city = CITIES[CITIES.length - 1];
    for (const c of CITIES) {
      pick -= c[3];
      if (pick < 0) {
        city = c;
        break;
      }
    }
    const [, lat, lon, pop] = city;
    const sigmaKm = 8 + 5 * Math.sqrt(pop);
    const dLat = (gauss() * sigmaKm) / 111.2;
    const dLon = (gauss() * sigmaKm) / (111.2 * Math.max(0.2, Math.cos((lat * Math.PI) / 180)));
    let l = lon + dLon;
    if (l > 180) l -= 360;
    if (l < -180) l += 360;
    out.push({ lat: Math.max(-90, Math.min(90, lat + dLat)), lon: l, weight: 1 + Math.floor(rng() * 10) });
  }
  return out;
}
