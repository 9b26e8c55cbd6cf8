import { createRng, sampleIndices } from "@/lib/core/rng";
import type { RegionKey } from "@/lib/core/types";
import { ACCESS_RTT_MS, estimateRttMs, greatCircleKm, type LatencyModel } from "./latency";

/**
 * The call quality a deployment gives its participants, against a careless one: every participant
 * joins the conference server nearest to them (what a client does), and feels the RTT to it.
 */

export interface QualityParticipant {
  lat: number;
  lon: number;
  /** People at this point; default 1. */
  weight?: number;
  label?: string;
}

/** A conference server: a VM, where it stands, and its RTT when Barista measured one. */
export interface QualityServer {
  id: string;
  name: string;
  region: RegionKey;
  lat: number;
  lon: number;
  /** TCP connect time from the Barista server to the host (median of several tries); absent for simulated VMs. */
  measuredRttMs?: number;
}

/** `estimated`: the latency model (access term + fitted distance line); `measured-from-server`: a TCP connect from the Barista server. */
export type QualitySource = "estimated" | "measured-from-server";

export interface ParticipantQuality {
  participant: number;
  label: string;
  server: string;
  region: RegionKey;
  rttMs: number;
  source: QualitySource;
}

export interface QualitySide {
  servers: { id: string; name: string; region: RegionKey }[];
  participants: ParticipantQuality[];
  /** Weighted by the participants' weights. */
  meanMs: number;
  worstMs: number;
  /** Index of the participant who feels worstMs. */
  worstParticipant: number;
  /** `mixed` when some servers were measured and others estimated. */
  source: QualitySource | "mixed";
}

export interface QualityComparison {
  placed: QualitySide;
  careless: QualitySide;
  /** How many times the careless mean and worst are of the placed ones (≥ 1 when the placement helps). */
  factor: { mean: number; worst: number };
}

/** The model's user → server RTT: the region's own figure when the model knows it, else the distance line from the server's place. */
function estimateToServer(model: LatencyModel, p: QualityParticipant, s: QualityServer): number {
  if (model.has(s.region)) return model.fromPointMs({ lat: p.lat, lon: p.lon }, s.region);
  return ACCESS_RTT_MS + estimateRttMs(greatCircleKm({ lat: p.lat, lon: p.lon }, { lat: s.lat, lon: s.lon }));
}

/** Each participant on the server nearest by the model (ties: the first server), with the RTT they feel there. */
export function participantQuality(model: LatencyModel, audience: readonly QualityParticipant[], servers: readonly QualityServer[]): QualitySide {
  if (audience.length === 0) throw new RangeError("no participants: give at least one");
  if (servers.length === 0) throw new RangeError("no servers: nothing runs to join");
  let total = 0;
  let weighted = 0;
  let worst = -1;
  let worstParticipant = 0;
  const participants = audience.map((p, i): ParticipantQuality => {
    let best = 0;
    let bestMs = Infinity;
    servers.forEach((s, j) => {
      const ms = estimateToServer(model, p, s);
      if (ms < bestMs) [best, bestMs] = [j, ms];
    });
    const s = servers[best];
    const measured = s.measuredRttMs !== undefined;
    const rttMs = measured ? s.measuredRttMs! : bestMs;
    const w = p.weight ?? 1;
    total += w;
    weighted += w * rttMs;
    if (rttMs > worst) [worst, worstParticipant] = [rttMs, i];
    return { participant: i, label: p.label ?? "", server: s.id, region: s.region, rttMs, source: measured ? "measured-from-server" : "estimated" };
  });
  const sources = new Set(participants.map((p) => p.source));
  return {
    servers: servers.map((s) => ({ id: s.id, name: s.name, region: s.region })),
    participants,
    meanMs: weighted / total,
    worstMs: worst,
    worstParticipant,
    source: sources.size === 1 ? [...sources][0] : "mixed",
  };
}

/**
 * A careless placement: `count` regions drawn at random (seeded, so a rerun shows the same
 * figures) from the candidates, as someone who picks clouds without looking at the audience would.
 */
export function carelessRegions(candidates: readonly RegionKey[], count: number, seed = 1): RegionKey[] {
  const pool = [...new Set(candidates)].sort();
  if (pool.length === 0) throw new RangeError("no candidate regions for the careless placement");
  const k = Math.max(1, Math.min(count, pool.length));
  return sampleIndices(pool.length, k, createRng(seed)).map((i) => pool[i]);
}

/** The placed servers against careless regions (one server each, estimated from the model: nothing runs there). */
export function compareQuality(model: LatencyModel, audience: readonly QualityParticipant[], placed: readonly QualityServer[], careless: readonly RegionKey[]): QualityComparison {
  const carelessServers = careless.map((region): QualityServer => {
    if (!model.has(region)) throw new RangeError(`unknown region key "${region}"`);
    return { id: `careless-${region}`, name: region, region, lat: 0, lon: 0 };
  });
  const a = participantQuality(model, audience, placed);
  const b = participantQuality(model, audience, carelessServers);
  return { placed: a, careless: b, factor: { mean: b.meanMs / a.meanMs, worst: b.worstMs / a.worstMs } };
}
