import type { Instance } from "./instance";

/**
 * "Which regions serve this point within T": one bitset per point over the candidates, with
 * identical rows merged (weights added). The worst-case objectives are decided on these rows:
 * max ≤ T ⇔ some admissible choice hits every row; p95 ≤ T ⇔ it hits rows holding ≥ 95% of
 * the weight.
 */
export interface CoverRows {
  count: number;
  /** 32-bit words per row. */
  words: number;
  bits: Uint32Array;
  weight: Float64Array;
  /** Weight of points no candidate serves within T. */
  unservable: number;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function buildCoverRows(inst: Instance, threshold: number): CoverRows {
  const { n, m, rtt, weight } = inst;
  const words = Math.ceil(m / 32);
  const index = new Map<string, number>();
  const bits: number[] = [];
  const rowWeight: number[] = [];
  const row = new Uint32Array(words);
  let unservable = 0;
  for (let i = 0; i < n; i++) {
    row.fill(0);
    let any = false;
    for (let j = 0; j < m; j++) {
      if (rtt[i * m + j] <= threshold) {
        row[j >>> 5] |= 1 << (j & 31);
        any = true;
      }
    }
    if (!any) {
      unservable += weight[i];
      continue;
    }
    const key = row.join(",");
    const g = index.get(key);
    if (g !== undefined) rowWeight[g] += weight[i];
    else {
      index.set(key, rowWeight.length);
      rowWeight.push(weight[i]);
      for (let w = 0; w < words; w++) bits.push(row[w]);
    }
  }
  return { count: rowWeight.length, words, bits: Uint32Array.from(bits), weight: Float64Array.from(rowWeight), unservable };
}

/**
 * Drops every row that contains another row: hitting the smaller one hits it too. Valid when
 * every row must be hit (max), not for p95, where the weights matter.
 */
export function dropSupersetRows(rows: CoverRows): CoverRows {
  const { words, bits } = rows;
  const size = (g: number) => {
    let s = 0;
    for (let w = 0; w < words; w++) s += popcount(bits[g * words + w]);
    return s;
  };
  const order = Array.from({ length: rows.count }, (_, g) => g);
  const sizes = order.map(size);
  order.sort((a, b) => sizes[a] - sizes[b] || a - b);
  const kept: number[] = [];
  for (const g of order) {
    const dominated = kept.some((h) => {
      for (let w = 0; w < words; w++) {
        const hw = bits[h * words + w];
        if ((hw & bits[g * words + w]) !== hw) return false;
      }
      return true;
    });
    if (!dominated) kept.push(g);
  }
  const out = new Uint32Array(kept.length * words);
  const weight = new Float64Array(kept.length);
  kept.forEach((g, t) => {
    out.set(bits.subarray(g * words, (g + 1) * words), t * words);
    weight[t] = rows.weight[g];
  });
  return { count: kept.length, words, bits: out, weight, unservable: rows.unservable };
}

/** Rows holding each column, built once per threshold for the greedy and the integer programs. */
export function columnLists(rows: CoverRows, m: number): number[][] {
  const lists: number[][] = Array.from({ length: m }, () => []);
  for (let g = 0; g < rows.count; g++) {
    for (let w = 0; w < rows.words; w++) {
      let x = rows.bits[g * rows.words + w];
      while (x !== 0) {
        const low = x & -x;
        const j = w * 32 + (31 - Math.clz32(low));
        lists[j].push(g);
        x ^= low;
      }
    }
  }
  return lists;
}

export function rowColumns(rows: CoverRows, g: number): number[] {
  const out: number[] = [];
  for (let w = 0; w < rows.words; w++) {
    let x = rows.bits[g * rows.words + w];
    while (x !== 0) {
      const low = x & -x;
      out.push(w * 32 + (31 - Math.clz32(low)));
      x ^= low;
    }
  }
  return out;
}

/**
 * Greedy max coverage: up to kMax times, the column hitting the most uncovered weight (ties to
 * the lower index). Stops as soon as `enough` weight is hit. It proves feasibility when it
 * succeeds, nothing when it fails.
 */
export function greedyCover(rows: CoverRows, lists: number[][], kMax: number, enough: number): { set: number[]; covered: number } {
  const covered = new Uint8Array(rows.count);
  const set: number[] = [];
  let total = 0;
  while (set.length < kMax && total < enough) {
    let bestJ = -1;
    let bestGain = 0;
    for (let j = 0; j < lists.length; j++) {
      let g = 0;
      for (const r of lists[j]) if (!covered[r]) g += rows.weight[r];
      if (g > bestGain) {
        bestGain = g;
        bestJ = j;
      }
    }
    if (bestJ < 0) break;
    set.push(bestJ);
    for (const r of lists[bestJ]) {
      if (!covered[r]) {
        covered[r] = 1;
        total += rows.weight[r];
      }
    }
  }
  return { set, covered: total };
}

/**
 * Rows that share no column need one region each, so more than kMax pairwise disjoint rows
 * prove that no kMax regions hit them all. Small rows first finds many quickly.
 */
export function disjointRowsExceed(rows: CoverRows, kMax: number): boolean {
  const { words, bits } = rows;
  const union = new Uint32Array(words);
  const order = Array.from({ length: rows.count }, (_, g) => g);
  const size = (g: number) => {
    let s = 0;
    for (let w = 0; w < words; w++) s += popcount(bits[g * words + w]);
    return s;
  };
  const sizes = order.map(size);
  order.sort((a, b) => sizes[a] - sizes[b] || a - b);
  let picked = 0;
  for (const g of order) {
    let disjoint = true;
    for (let w = 0; w < words && disjoint; w++) if ((union[w] & bits[g * words + w]) !== 0) disjoint = false;
    if (!disjoint) continue;
    for (let w = 0; w < words; w++) union[w] |= bits[g * words + w];
    if (++picked > kMax) return true;
  }
  return false;
}

/**
 * Swap search on a greedy cover: replaces one chosen column by another while that hits more
 * weight, until `enough` is hit or no swap helps. Greedy alone often misses covers that exist
 * for small k (three regions for the whole world), which would otherwise cost an integer
 * program to find. For each entering column, the weight it adds and, per chosen column, the
 * weight only that column hits and the entering one hits too, give every swap in one pass.
 */
export function improveCover(rows: CoverRows, lists: number[][], start: readonly number[], enough: number, maxRounds = 50): { set: number[]; covered: number } {
  const m = lists.length;
  const set = [...start];
  const hits = new Int32Array(rows.count);
  for (const j of set) for (const g of lists[j]) hits[g]++;
  let covered = 0;
  for (let g = 0; g < rows.count; g++) if (hits[g] > 0) covered += rows.weight[g];
  const inSet = new Uint8Array(m);
  for (const j of set) inSet[j] = 1;
  const owner = new Int32Array(rows.count);
  const credit = new Float64Array(m);
  for (let round = 0; round < maxRounds && covered < enough && set.length > 0; round++) {
    // The chosen column that alone hits each singly-hit row.
    for (const j of set) for (const g of lists[j]) if (hits[g] === 1) owner[g] = j;
    const loss = new Float64Array(m);
    for (const j of set) for (const g of lists[j]) if (hits[g] === 1) loss[j] += rows.weight[g];
    let best = 1e-12;
    let move: [number, number] | null = null;
    for (let l = 0; l < m; l++) {
      if (inSet[l]) continue;
      let fresh = 0;
      for (const j of set) credit[j] = 0;
      for (const g of lists[l]) {
        if (hits[g] === 0) fresh += rows.weight[g];
        else if (hits[g] === 1) credit[owner[g]] += rows.weight[g];
      }
      if (fresh <= best) continue;
      for (const j of set) {
        const delta = fresh - loss[j] + credit[j];
        if (delta > best) {
          best = delta;
          move = [j, l];
        }
      }
    }
    if (!move) break;
    const [out, inc] = move;
    for (const g of lists[out]) if (--hits[g] === 0) covered -= rows.weight[g];
    for (const g of lists[inc]) if (hits[g]++ === 0) covered += rows.weight[g];
    set[set.indexOf(out)] = inc;
    inSet[out] = 0;
    inSet[inc] = 1;
  }
  return { set, covered };
}

export type SearchOutcome = { status: "feasible"; set: number[] } | { status: "infeasible" } | { status: "unknown" };

/**
 * Exact "can kMax columns hit every row?" by branching: some chosen column must hit the
 * uncovered row with the fewest columns, so try each of those, depth at most kMax. Columns
 * whose rows are a subset of another column's are dropped first (the other is never worse).
 * Each node is a few bitset operations; `nodeLimit` keeps a pathological case from hanging
 * (the caller then falls back to an integer program).
 */
export function coverSearch(rows: CoverRows, lists: number[][], kMax: number, nodeLimit = 200_000): SearchOutcome {
  const words = Math.ceil(rows.count / 32);
  const m = lists.length;
  const colBits: Uint32Array[] = lists.map((list) => {
    const b = new Uint32Array(words);
    for (const g of list) b[g >>> 5] |= 1 << (g & 31);
    return b;
  });
  const subset = (a: Uint32Array, b: Uint32Array) => {
    for (let w = 0; w < words; w++) if ((a[w] & b[w]) !== a[w]) return false;
    return true;
  };
  const alive = new Uint8Array(m);
  for (let j = 0; j < m; j++) alive[j] = lists[j].length > 0 ? 1 : 0;
  for (let a = 0; a < m; a++) {
    if (!alive[a]) continue;
    for (let b = 0; b < m && alive[a]; b++) {
      if (b === a || !alive[b]) continue;
      // Equal sets keep the lower index, so exactly one of a tie survives.
      if (subset(colBits[a], colBits[b]) && (!subset(colBits[b], colBits[a]) || b < a)) alive[a] = 0;
    }
  }
  const rowCols: number[][] = Array.from({ length: rows.count }, () => []);
  for (let j = 0; j < m; j++) if (alive[j]) for (const g of lists[j]) rowCols[g].push(j);
  const full = new Uint32Array(words);
  for (let g = 0; g < rows.count; g++) full[g >>> 5] |= 1 << (g & 31);
  const chosen: number[] = [];
  let nodes = 0;
  let aborted = false;
  const covers = (bits: Uint32Array) => {
    for (let w = 0; w < words; w++) if (bits[w] !== full[w]) return false;
    return true;
  };
  const visit = (bits: Uint32Array, depth: number): boolean => {
    if (covers(bits)) return true;
    if (depth === kMax) return false;
    if (++nodes > nodeLimit) {
      aborted = true;
      return false;
    }
    let pick = -1;
    for (let g = 0; g < rows.count; g++) {
      if (bits[g >>> 5] & (1 << (g & 31))) continue;
      if (pick < 0 || rowCols[g].length < rowCols[pick].length) pick = g;
    }
    for (const j of rowCols[pick]) {
      const next = new Uint32Array(words);
      for (let w = 0; w < words; w++) next[w] = bits[w] | colBits[j][w];
      chosen.push(j);
      if (visit(next, depth + 1)) return true;
      chosen.pop();
      if (aborted) return false;
    }
    return false;
  };
  if (visit(new Uint32Array(words), 0)) return { status: "feasible", set: [...chosen] };
  return aborted ? { status: "unknown" } : { status: "infeasible" };
}
