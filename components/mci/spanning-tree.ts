type Point = { latitude: number; longitude: number };

const RAD = Math.PI / 180;

function greatCircleKm(a: Point, b: Point): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLon = (b.longitude - a.longitude) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The shortest set of links that joins every point (Prim, O(n²)): it draws an MCI's extent with
 * n−1 lines, where linking every pair would need n(n−1)/2 (4,950 for 100 regions).
 */
export function spanningTree<T extends Point>(points: readonly T[]): [T, T][] {
  const n = points.length;
  if (n < 2) return [];
  const inTree = new Array<boolean>(n).fill(false);
  const best = new Array<number>(n).fill(Infinity);
  const from = new Array<number>(n).fill(-1);
  best[0] = 0;
  const edges: [T, T][] = [];
  for (let step = 0; step < n; step++) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (u === -1 || best[i] < best[u])) u = i;
    inTree[u] = true;
    if (from[u] >= 0) edges.push([points[from[u]], points[u]]);
    for (let v = 0; v < n; v++) {
      if (inTree[v]) continue;
      const d = greatCircleKm(points[u], points[v]);
      if (d < best[v]) {
        best[v] = d;
        from[v] = u;
      }
    }
  }
  return edges;
}
