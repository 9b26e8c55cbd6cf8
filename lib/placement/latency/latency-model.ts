import type { RegionKey, Rtt } from "@/lib/core/types";
import { DEG_TO_RAD, greatCircleKm, unitVectorKm, type GeoPoint } from "./geo";
import { ACCESS_RTT_MS, INTRA_REGION_RTT_MS, estimateRttMs } from "./distance-fit";
import bundledMeasured from "./measured.json";

export interface LatencyRegion {
  key: RegionKey;
  latitude: number;
  longitude: number;
}

/** Rows are sources, columns targets, as in CB-Tumblebug's cloudlatencymap.csv; null = not measured. */
export interface MeasuredMatrix {
  keys: string[];
  rttMs: (number | null)[][];
}

export interface LatencyModel {
  /** Regions the model can answer for, in the order they were given. */
  readonly keys: readonly RegionKey[];
  has(key: RegionKey): boolean;
  /** Measured when the pair was measured (either direction), else estimated from distance. */
  between(a: RegionKey, b: RegionKey): Rtt;
  /** User → region: always estimated, access term + distance model. */
  fromPoint(p: GeoPoint, region: RegionKey): Rtt;
  /** User ↔ user (two places, no region between): both pay the access term; always estimated. */
  betweenPoints(a: GeoPoint, b: GeoPoint): Rtt;
  /** fromPoint's number alone: no object per call, for solvers looping over users × regions. */
  fromPointMs(p: GeoPoint, region: RegionKey): number;
  /**
   * fromPoint to every region at once, in `keys` order, written into `out` (length ≥ keys.length)
   * when given: the user's trigonometry is done once, and a reused buffer makes it allocation-free.
   */
  fromPointToAll(p: GeoPoint, out?: Float64Array): Float64Array;
  /** Every other region, nearest first, ties by key. */
  nearest(from: RegionKey, limit?: number): Array<{ key: RegionKey } & Rtt>;
}

function unknown(key: RegionKey): never {
  throw new RangeError(`unknown region key "${key}"`);
}

function compareKeys(a: string, b: string): number {
  // Code-unit order, not localeCompare: the result must not depend on the runtime's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the model once; every answer afterwards is a lookup (between) or one great-circle
 * distance (fromPoint). Measured rows for keys absent from `regions` are ignored: without coordinates
 * such a region could not be estimated against anything else, so it is not part of the model.
 */
export function createLatencyModel(regions: LatencyRegion[], measured: MeasuredMatrix = bundledMeasured): LatencyModel {
  const n = regions.length;
  const keys: RegionKey[] = [];
  const index = new Map<RegionKey, number>();
  // Unit vectors rather than degrees: the per-pair distance then needs no trigonometry of its own.
  const ux = new Float64Array(n);
  const uy = new Float64Array(n);
  const uz = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = regions[i];
    if (index.has(r.key)) throw new RangeError(`duplicate region key "${r.key}"`);
    if (!(Math.abs(r.latitude) <= 90) || !Number.isFinite(r.longitude)) {
      throw new RangeError(`region "${r.key}" has invalid coordinates (${r.latitude}, ${r.longitude})`);
    }
    index.set(r.key, i);
    keys.push(r.key);
    const lat = r.latitude * DEG_TO_RAD;
    const lon = r.longitude * DEG_TO_RAD;
    ux[i] = Math.cos(lat) * Math.cos(lon);
    uy[i] = Math.cos(lat) * Math.sin(lon);
    uz[i] = Math.sin(lat);
  }

  // A full n×n table makes between() O(1); ~200 regions cost 320 KB, built in a few milliseconds.
  const rtt = new Float64Array(n * n);
  const isMeasured = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    rtt[i * n + i] = INTRA_REGION_RTT_MS;
    for (let j = i + 1; j < n; j++) {
      const ms = estimateRttMs(unitVectorKm(ux[i], uy[i], uz[i], ux[j], uy[j], uz[j]));
      rtt[i * n + j] = ms;
      rtt[j * n + i] = ms;
    }
  }
  overlayMeasured(measured, index, n, rtt, isMeasured);

  const slot = (a: RegionKey, b: RegionKey): number => {
    const i = index.get(a) ?? unknown(a);
    const j = index.get(b) ?? unknown(b);
    return i * n + j;
  };

  const fromPointMs = (p: GeoPoint, region: RegionKey): number => {
    const j = index.get(region) ?? unknown(region);
    const lat = p.lat * DEG_TO_RAD;
    const lon = p.lon * DEG_TO_RAD;
    const cos = Math.cos(lat);
    return ACCESS_RTT_MS + estimateRttMs(unitVectorKm(cos * Math.cos(lon), cos * Math.sin(lon), Math.sin(lat), ux[j], uy[j], uz[j]));
  };

  const fromPointToAll = (p: GeoPoint, out: Float64Array = new Float64Array(n)): Float64Array => {
    if (out.length < n) throw new RangeError(`output buffer holds ${out.length} values, the model has ${n} regions`);
    const lat = p.lat * DEG_TO_RAD;
    const lon = p.lon * DEG_TO_RAD;
    const cos = Math.cos(lat);
    const x = cos * Math.cos(lon);
    const y = cos * Math.sin(lon);
    const z = Math.sin(lat);
    for (let j = 0; j < n; j++) out[j] = ACCESS_RTT_MS + estimateRttMs(unitVectorKm(x, y, z, ux[j], uy[j], uz[j]));
    return out;
  };

  return {
    keys,
    has: (key) => index.has(key),
    between(a, b) {
      const s = slot(a, b);
      return { rttMs: rtt[s], source: isMeasured[s] ? "measured" : "estimated" };
    },
    fromPointMs,
    fromPoint: (p, region) => ({ rttMs: fromPointMs(p, region), source: "estimated" }),
    betweenPoints: (a, b) => ({ rttMs: 2 * ACCESS_RTT_MS + estimateRttMs(greatCircleKm(a, b)), source: "estimated" }),
    fromPointToAll,
    nearest(from, limit) {
      const i = index.get(from) ?? unknown(from);
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
        throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
      }
      const others: number[] = [];
      for (let j = 0; j < n; j++) if (j !== i) others.push(j);
      others.sort((x, y) => rtt[i * n + x] - rtt[i * n + y] || compareKeys(keys[x], keys[y]));
      const picked = limit === undefined ? others : others.slice(0, limit);
      return picked.map((j) => ({ key: keys[j], rttMs: rtt[i * n + j], source: isMeasured[i * n + j] ? "measured" : "estimated" }));
    },
  };
}

/**
 * Writes measured cells over the estimates. The matrix is nearly symmetric (median difference
 * between directions 0.15%), and a route's two directions are one path to the product, so a
 * pair gets the mean of both directions, or the one direction measured (11 source rows of the
 * 2022 matrix are empty, so ~1,100 pairs exist one way only).
 */
function overlayMeasured(measured: MeasuredMatrix, index: Map<RegionKey, number>, n: number, rtt: Float64Array, isMeasured: Uint8Array): void {
  const m = measured.keys.length;
  if (measured.rttMs.length !== m || measured.rttMs.some((row) => row.length !== m)) {
    throw new RangeError(`measured matrix must be ${m}×${m}`);
  }
  const at = measured.keys.map((k) => index.get(k) ?? -1);
  if (new Set(measured.keys).size !== m) throw new RangeError("measured matrix has duplicate keys");
  for (let x = 0; x < m; x++) {
    const i = at[x];
    if (i < 0) continue;
    const self = measured.rttMs[x][x];
    if (self !== null) {
      rtt[i * n + i] = self;
      isMeasured[i * n + i] = 1;
    }
    for (let y = x + 1; y < m; y++) {
      const j = at[y];
      if (j < 0) continue;
      const xy = measured.rttMs[x][y];
      const yx = measured.rttMs[y][x];
      const ms = xy !== null && yx !== null ? (xy + yx) / 2 : (xy ?? yx);
      if (ms === null) continue;
      rtt[i * n + j] = ms;
      rtt[j * n + i] = ms;
      isMeasured[i * n + j] = 1;
      isMeasured[j * n + i] = 1;
    }
  }
}
