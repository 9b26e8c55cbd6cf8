import { createLatencyModel, type LatencyModel, type MeasuredMatrix } from "../latency";
import { createRng } from "@/lib/core/rng";
import type { AudiencePoint } from "../types";

/**
 * Small random worlds for tests: regions at random places, some pairs "measured" with values
 * unrelated to distance (so the conference's middle leg is not just geometry), users with
 * random weights. Seeded, so a failing case can be replayed.
 */
export interface RandomWorld {
  model: LatencyModel;
  regions: string[];
  users: AudiencePoint[];
  prices: Record<string, number>;
}

export function randomWorld(seed: number, regionCount: number, userCount: number): RandomWorld {
  const rng = createRng(seed);
  const regions = Array.from({ length: regionCount }, (_, i) => ({
    key: `t-r${i}`,
    latitude: rng() * 140 - 70,
    longitude: rng() * 360 - 180,
  }));
  const keys = regions.map((r) => r.key);
  const measured: MeasuredMatrix = {
    keys,
    rttMs: keys.map((_, a) => keys.map((__, b) => (a !== b && rng() < 0.3 ? Math.round((5 + rng() * 300) * 100) / 100 : null))),
  };
  const model = createLatencyModel(regions, measured);
  const users = Array.from({ length: userCount }, () => ({
    lat: rng() * 150 - 75,
    lon: rng() * 360 - 180,
    weight: rng() < 0.3 ? 1 : Math.round((0.5 + rng() * 5) * 100) / 100,
  }));
  const prices = Object.fromEntries(keys.map((k) => [k, Math.round(rng() * 50) / 100]));
  return { model, regions: keys, users, prices };
}
