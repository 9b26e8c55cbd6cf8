import { DEG_TO_RAD, greatCircleKm } from "./latency/geo";
import { MS_PER_KM } from "./latency";
import type { CellReport } from "./types";
import type { WeightedUser } from "./validate-input";

/**
 * The points the solvers work on: each user's own location when there are few distinct ones,
 * else one point per grid cell. `errorMs[u]` bounds how far any RTT of user u can be from the
 * RTT of its point, so bounds proven on points can be carried over to users.
 */
export interface PointSet {
  lat: Float64Array;
  lon: Float64Array;
  weight: Float64Array;
  /** Point of each user. */
  userPoint: Int32Array;
  /** Per user: bound on |RTT(user, r) − RTT(point, r)| for every region r. */
  errorMs: Float64Array;
  maxErrorMs: number;
  /** Weighted mean of errorMs. */
  meanErrorMs: number;
  /** Per point: the largest errorMs of its users. */
  pointErrorMs: Float64Array;
  /**
   * Per point: length of the weighted mean of its users' unit vectors (1 when they all stand on
   * the point). With the point's direction it gives the mean vector that Jensen's inequality
   * needs in meanUserBound.ts.
   */
  meanVectorLength: Float64Array;
  /** Null when every point is exactly its users' location (duplicates merged, nothing moved). */
  cells: CellReport | null;
}

/** Grid sizes tried, finest first, when users must be grouped to fit under maxPoints. */
const CELL_LADDER_DEG = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 30, 90];

/**
 * Same place, same key: longitude 180 is −180, and every longitude names the same pole, so
 * those spellings of one place merge instead of becoming points a hair apart.
 */
function placeOf(u: WeightedUser): { lat: number; lon: number } {
  if (Math.abs(u.lat) === 90) return { lat: u.lat, lon: 0 };
  return { lat: u.lat, lon: u.lon === 180 ? -180 : u.lon };
}

function cellKey(lat: number, lon: number, deg: number): number {
  const rows = Math.ceil(180 / deg) + 1;
  const row = Math.min(Math.floor((lat + 90) / deg), rows - 1);
  const col = Math.floor((lon + 180) / deg);
  return col * rows + row;
}

function countCells(places: { lat: number; lon: number }[], deg: number, stopAt: number): number {
  const keys = new Set<number>();
  for (const p of places) {
    keys.add(cellKey(p.lat, p.lon, deg));
    if (keys.size > stopAt) break;
  }
  return keys.size;
}

export interface GroupOptions {
  maxPoints: number;
  cellDeg?: number;
}

export function groupUsers(users: readonly WeightedUser[], { maxPoints, cellDeg }: GroupOptions): PointSet {
  const places = users.map(placeOf);
  const userPoint = new Int32Array(users.length);
  // Distinct places, keyed latitude → longitude → point (numbers, no string per user), given
  // up as soon as there are more than maxPoints: the grid takes over then.
  const exact = new Map<number, Map<number, number>>();
  let distinct = 0;
  if (cellDeg === undefined) {
    for (let u = 0; u < places.length && distinct <= maxPoints; u++) {
      const { lat, lon } = places[u];
      let row = exact.get(lat);
      if (!row) exact.set(lat, (row = new Map()));
      let i = row.get(lon);
      if (i === undefined) row.set(lon, (i = distinct++));
      userPoint[u] = i;
    }
  }

  if (cellDeg === undefined && distinct <= maxPoints) {
    const n = distinct;
    const set: PointSet = {
      lat: new Float64Array(n),
      lon: new Float64Array(n),
      weight: new Float64Array(n),
      userPoint,
      errorMs: new Float64Array(users.length),
      maxErrorMs: 0,
      meanErrorMs: 0,
      pointErrorMs: new Float64Array(n),
      meanVectorLength: new Float64Array(n).fill(1),
      cells: null,
    };
    users.forEach((u, i) => {
      const p = userPoint[i];
      // The first user at a place gives the point its coordinates; the others are the same place.
      if (set.weight[p] === 0) {
        set.lat[p] = u.lat;
        set.lon[p] = u.lon;
      }
      set.weight[p] += u.weight;
    });
    return set;
  }

  const deg = cellDeg ?? CELL_LADDER_DEG.find((d) => countCells(places, d, maxPoints) <= maxPoints) ?? 90;
  const index = new Map<number, number>();
  places.forEach((p, u) => {
    const key = cellKey(p.lat, p.lon, deg);
    let i = index.get(key);
    if (i === undefined) index.set(key, (i = index.size));
    userPoint[u] = i;
  });
  const n = index.size;
  // The centre is the weighted spherical mean of the cell's users (the normalised mean of their
  // unit vectors): it keeps the cell's error small and needs no care at the antimeridian.
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  const sz = new Float64Array(n);
  const weight = new Float64Array(n);
  const first = new Int32Array(n).fill(-1);
  users.forEach((u, i) => {
    const p = userPoint[i];
    const lat = u.lat * DEG_TO_RAD;
    const lon = u.lon * DEG_TO_RAD;
    sx[p] += u.weight * Math.cos(lat) * Math.cos(lon);
    sy[p] += u.weight * Math.cos(lat) * Math.sin(lon);
    sz[p] += u.weight * Math.sin(lat);
    weight[p] += u.weight;
    if (first[p] < 0) first[p] = i;
  });
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const meanVectorLength = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const norm = Math.hypot(sx[p], sy[p], sz[p]);
    meanVectorLength[p] = Math.min(1, norm / weight[p]);
    if (norm < 1e-12 * weight[p]) {
      lat[p] = users[first[p]].lat;
      lon[p] = users[first[p]].lon;
    } else {
      lat[p] = Math.asin(Math.max(-1, Math.min(1, sz[p] / norm))) / DEG_TO_RAD;
      lon[p] = Math.atan2(sy[p], sx[p]) / DEG_TO_RAD;
    }
  }

  // RTT(user, r) = access + max(a + b·km, floor·km) changes by at most MS_PER_KM (= max(b, floor))
  // per km of distance, and |km(u, r) − km(c, r)| ≤ km(u, c) by the triangle inequality. The tiny
  // extra absorbs floating-point rounding in the two RTTs being compared.
  const errorMs = new Float64Array(users.length);
  const pointErrorMs = new Float64Array(n);
  let maxErrorMs = 0;
  let weighted = 0;
  let total = 0;
  users.forEach((u, i) => {
    const p = userPoint[i];
    const e = MS_PER_KM * greatCircleKm(u, { lat: lat[p], lon: lon[p] }) + 1e-9;
    errorMs[i] = e;
    if (e > maxErrorMs) maxErrorMs = e;
    if (e > pointErrorMs[p]) pointErrorMs[p] = e;
    weighted += u.weight * e;
    total += u.weight;
  });
  const meanErrorMs = weighted / total;
  return {
    lat,
    lon,
    weight,
    userPoint,
    errorMs,
    maxErrorMs,
    meanErrorMs,
    pointErrorMs,
    meanVectorLength,
    cells: { count: n, cellDeg: deg, maxErrorMs, meanErrorMs },
  };
}
