import type { LatencyModel } from "../latency";
import type { AudiencePoint, KMode, PlacementObjective } from "../types";

/**
 * The placement problem solved by looking at every choice, written independently of the engine
 * (no shared evaluation code) so that tests compare two implementations of the definitions in
 * README.md, not one implementation with itself.
 */
export interface BruteForceInput {
  users: readonly AudiencePoint[];
  candidates: readonly string[];
  k: number;
  kMode?: KMode;
  objective: PlacementObjective;
  costWeight?: number;
  pricePerHour?: Readonly<Record<string, number>>;
}

export function scoreChoice(model: LatencyModel, input: BruteForceInput, chosen: readonly string[]): number {
  const { users, objective } = input;
  // Nearest chosen region, ties to the one listed first among the candidates.
  const ordered = input.candidates.filter((c) => chosen.includes(c));
  const served = users.map((u) => {
    let best = Infinity;
    let at = "";
    for (const key of ordered) {
      const ms = model.fromPointMs(u, key);
      if (ms < best) {
        best = ms;
        at = key;
      }
    }
    return { ms: best, at, weight: u.weight ?? 1 };
  });
  let latency: number;
  if (objective === "mean") {
    latency = served.reduce((s, x) => s + x.weight * x.ms, 0) / served.reduce((s, x) => s + x.weight, 0);
  } else if (objective === "max") {
    latency = Math.max(...served.map((x) => x.ms));
  } else if (objective === "p95") {
    const total = served.reduce((s, x) => s + x.weight, 0);
    const sorted = [...served].sort((a, b) => a.ms - b.ms);
    let acc = 0;
    latency = sorted[sorted.length - 1].ms;
    for (const x of sorted) {
      acc += x.weight;
      if (acc >= 0.95 * total * (1 - 1e-12)) {
        latency = x.ms;
        break;
      }
    }
  } else {
    latency = -Infinity;
    for (const a of served) {
      for (const b of served) {
        const middle = a.at === b.at ? 0 : model.between(a.at, b.at).rttMs;
        latency = Math.max(latency, (a.ms + middle + b.ms) / 2);
      }
    }
  }
  const cost = (input.costWeight ?? 0) * chosen.reduce((s, key) => s + (input.pricePerHour?.[key] ?? 0), 0);
  return latency + cost;
}

export function bruteForce(model: LatencyModel, input: BruteForceInput): { score: number; regions: string[] } {
  const { candidates, k } = input;
  const kMin = (input.kMode ?? "exactly") === "exactly" ? k : 1;
  let best = { score: Infinity, regions: [] as string[] };
  const visit = (from: number, chosen: string[]) => {
    if (chosen.length >= kMin) {
      const score = scoreChoice(model, input, chosen);
      if (score < best.score) best = { score, regions: [...chosen] };
    }
    if (chosen.length === k) return;
    for (let j = from; j < candidates.length; j++) visit(j + 1, [...chosen, candidates[j]]);
  };
  visit(0, []);
  return best;
}
