/** A region as the catalogue API lists it: the fields the global tour chooses by. */
export interface RegionChoice {
  key: string;
  provider: string;
  latitude: number;
  longitude: number;
  connections: string[];
}

function km(a: RegionChoice, b: RegionChoice): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A provider's regions, each next one the farthest from those already taken, so any prefix spreads over the globe. */
function spreadOrder(regions: RegionChoice[]): RegionChoice[] {
  const left = [...regions].sort((a, b) => (a.key < b.key ? -1 : 1));
  if (left.length === 0) return [];
  const order = [left.shift()!];
  const nearest = left.map((r) => km(r, order[0]));
  while (left.length) {
    let far = 0;
    for (let i = 1; i < left.length; i++) if (nearest[i] > nearest[far]) far = i;
    const [next] = left.splice(far, 1);
    nearest.splice(far, 1);
    order.push(next);
    for (let i = 0; i < left.length; i++) nearest[i] = Math.min(nearest[i], km(left[i], next));
  }
  return order;
}

/**
 * Up to `count` connected regions, taken in turn from every provider (so no cloud is left out and
 * none dominates), each provider's own spread over the globe. Deterministic: same catalogue, same pick.
 */
export function pickGlobalRegions(regions: readonly RegionChoice[], count: number): RegionChoice[] {
  const byProvider = new Map<string, RegionChoice[]>();
  for (const r of regions) if (r.connections.length > 0) byProvider.set(r.provider, [...(byProvider.get(r.provider) ?? []), r]);
  const queues = [...byProvider.keys()].sort().map((p) => spreadOrder(byProvider.get(p)!));
  const picked: RegionChoice[] = [];
  for (let round = 0; picked.length < count && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (round < q.length && picked.length < count) picked.push(q[round]);
  }
  return picked;
}
