import { expect, test } from "@playwright/test";

const CONFERENCE = [
  { lat: 37.57, lon: 126.98, weight: 3 }, // Seoul
  { lat: 35.68, lon: 139.69 }, // Tokyo
  { lat: 1.35, lon: 103.82 }, // Singapore
  { lat: 51.51, lon: -0.13, weight: 2 }, // London
  { lat: 50.11, lon: 8.68 }, // Frankfurt
  { lat: 40.71, lon: -74.01, weight: 2 }, // New York
  { lat: 37.77, lon: -122.42 }, // San Francisco
  { lat: -23.55, lon: -46.63 }, // São Paulo
];

test.describe("placement API", () => {
  test("chooses k regions for an audience and beats the baselines it reports", async ({ request }) => {
    for (const objective of ["mean", "p95", "max", "conference"] as const) {
      const r = await request.post("/api/v1/placement", { data: { users: CONFERENCE, k: 3, objective } });
      expect(r.status(), await r.text()).toBe(200);
      const a = await r.json();
      expect(a.regions).toHaveLength(3);
      expect(a.assignment).toHaveLength(CONFERENCE.length);
      for (const x of a.assignment) expect(a.regions).toContain(x.region);
      expect(a.solver.gapPct).toBeGreaterThanOrEqual(0);
      // Every baseline is a feasible choice, so a (near-)optimal answer is never worse.
      for (const b of ["centroid", "nearest", "random"]) expect(a.objectiveMs).toBeLessThanOrEqual(a.baselines[b].objectiveMs * (1 + a.solver.gapPct / 100) + 1e-6);
      expect(a.stats.maxMs).toBeGreaterThanOrEqual(a.stats.meanMs);
      expect(Object.keys(a.specs).sort()).toEqual([...a.regions].sort());
    }
  });

  test("the matrix holds exactly the numbers the engine used", async ({ request }) => {
    const placed = await (await request.post("/api/v1/placement", { data: { users: CONFERENCE, k: 2, objective: "mean" } })).json();
    const m = await request.post("/api/v1/latency/matrix", { data: { points: CONFERENCE.map(({ lat, lon }) => ({ lat, lon })), regions: placed.regions } });
    expect(m.status(), await m.text()).toBe(200);
    const { rttMs, source } = await m.json();
    expect(rttMs).toHaveLength(CONFERENCE.length);
    expect(rttMs[0]).toHaveLength(2);
    expect(source[0][0]).toMatch(/^(measured|estimated)$/);
    for (const x of placed.assignment) expect(x.rttMs).toBeCloseTo(rttMs[x.user][placed.regions.indexOf(x.region)], 6);
  });

  test("answers 400 with the reason for input it cannot place", async ({ request }) => {
    const tooMany = await request.post("/api/v1/placement", { data: { users: CONFERENCE, k: 3, objective: "mean", providers: ["kt"] } });
    expect(tooMany.status()).toBe(400);
    expect((await tooMany.json()).error).toMatch(/^body\.k: /);
    const none = await request.post("/api/v1/placement", { data: { users: CONFERENCE, k: 1, objective: "mean", requirements: { vcpu: 1000 } } });
    expect(none.status()).toBe(400);
    expect((await none.json()).error).toMatch(/^body\.candidates: no region is left/);
    const badLat = await request.post("/api/v1/placement", { data: { users: [{ lat: 120, lon: 0 }], k: 1, objective: "max" } });
    expect(badLat.status()).toBe(400);
    expect((await badLat.json()).error).toMatch(/body\.users\.0\.lat/);
    const notNumber = await request.post("/api/v1/latency/matrix", { data: { points: [{ lat: "north", lon: 0 }], regions: ["aws-us-east-1"] } });
    expect(notNumber.status()).toBe(400);
    const unknown = await request.post("/api/v1/latency/matrix", { data: { points: [{ lat: 0, lon: 0 }], regions: ["aws-mars-1"] } });
    expect(unknown.status()).toBe(400);
    expect((await unknown.json()).error).toMatch(/aws-mars-1/);
  });
});
