import { beforeAll, describe, expect, it } from "vitest";
import { routeDatabase, type AuthHeader, type Handler } from "@/lib/http/testing/route-database";
import { db } from "@/lib/store";
import type { FleetView } from "@/lib/validation/fleet";

// The real route module over a database of this test's own: MCIs in two namespaces, callers of
// several roles (one narrowed in a namespace), CPU samples in the metric store.
const { adminAuth: ADMIN, tokenFor } = routeDatabase("fleet-api");

let fleet: { GET: Handler };
let VIEWER: AuthHeader;
let NARROWED: AuthHeader;
let AGENT: AuthHeader;
const SEOUL = "aws-ap-northeast-2";
const FRANKFURT = "aws-eu-central-1";

async function makeMci(ns: string, id: string, name: string, vms: [string, string, string][]) {
  const { runtime } = await import("@/lib/server");
  const sg = { id: `sg-${id}`, name: "main", connection: SEOUL, regionKey: SEOUL, specId: "t3.micro", imageId: "ubuntu", count: vms.length };
  await runtime().stores.mci.createMci(
    { id, namespace: ns, name, description: "", policy: "continue" },
    [sg],
    vms.map(([vmId, region]) => ({ id: vmId, name: vmId, subGroupId: sg.id, connection: region, regionKey: region, specId: "t3.micro", imageId: "ubuntu" })),
  );
  for (const [vmId, , status] of vms) if (status !== "Creating") await runtime().stores.mci.updateVm(vmId, { status });
}

beforeAll(async () => {
  fleet = await import("@/app/api/v1/fleet/route");
  const { runtime } = await import("@/lib/server");
  const rt = runtime();
  for (const ns of ["default", "team"]) await rt.stores.mci.createNamespace({ name: ns, description: "", sshPublicKey: "" });
  await makeMci("default", "mci-web", "web", [
    ["vm-w1", SEOUL, "Running"],
    ["vm-w2", SEOUL, "Creating"],
    ["vm-w3", FRANKFURT, "Running"],
  ]);
  await makeMci("team", "mci-batch", "batch", [
    ["vm-b1", SEOUL, "Running"],
    ["vm-b2", SEOUL, "Failed"],
  ]);
  await rt.monitoring.deps.metrics.write([
    { vmId: "vm-w1", metric: "cpu_utilization", ts: Date.now() - 5_000, value: 20 },
    { vmId: "vm-b1", metric: "cpu_utilization", ts: Date.now() - 5_000, value: 60 },
    // Older than the 2 min a latest value may be: left out.
    { vmId: "vm-w3", metric: "cpu_utilization", ts: Date.now() - 180_000, value: 99 },
  ]);
  await db().user.create({ data: { id: "u-narrowed", name: "Nia", email: "nia@example.com", role: "operator", namespaceRoles: JSON.stringify({ default: "viewer" }) } });
  VIEWER = await tokenFor("viewer");
  NARROWED = await tokenFor("operator", { name: "narrowed", userId: "u-narrowed" });
  AGENT = await tokenFor("agent");
});

const get = (auth: AuthHeader | null, headers: Record<string, string> = {}) =>
  fleet.GET(new Request("http://x/api/v1/fleet", { headers: { ...auth, ...headers } }), { params: Promise.resolve({}) });

describe("GET /api/v1/fleet", () => {
  it("answers every namespace's MCIs per region, with status counts, MCI names and the average recent CPU", async () => {
    const r = await get(ADMIN);
    expect(r.status).toBe(200);
    const view = (await r.json()) as FleetView;
    expect(view.totals).toEqual({ vms: 5, mcis: 2, namespaces: 2, regions: 2, byStatus: { Running: 3, Creating: 1, Failed: 1 } });
    expect(view.namespaces).toEqual([
      { name: "default", vms: 3, mcis: 1 },
      { name: "team", vms: 2, mcis: 1 },
    ]);
    expect(view.mcis.map((m) => [m.namespace, m.id, m.name, m.total])).toEqual([
      ["default", "mci-web", "web", 3],
      ["team", "mci-batch", "batch", 2],
    ]);
    const byKey = new Map(view.regions.map((r) => [r.key, r]));
    expect(byKey.get(SEOUL)).toMatchObject({ total: 4, byStatus: { Running: 2, Creating: 1, Failed: 1 }, cpu: 40, cpuReporting: 2 });
    expect(byKey.get(SEOUL)!.mcis.map((m) => [view.mcis[m.mci].name, m.count])).toEqual([["web", 2], ["batch", 2]]);
    expect(byKey.get(FRANKFURT)).toMatchObject({ total: 1, cpu: null, cpuReporting: 0 });
  });

  it("lets viewers read it, shows a narrowed user the namespaces they still read, and refuses agents and strangers", async () => {
    const viewer = (await (await get(VIEWER)).json()) as FleetView;
    expect(viewer.totals.mcis).toBe(2);
    // Narrowed to viewer in default is still a reader there: a narrowing lowers a role, never below viewer.
    const narrowed = (await (await get(NARROWED)).json()) as FleetView;
    expect(narrowed.mcis.map((m) => m.namespace)).toEqual(["default", "team"]);
    expect((await get(AGENT)).status).toBe(403);
    expect((await get(null)).status).toBe(401);
  });

  it("answers 304 to a poller that has the current version, and a new ETag once an MCI changed", async () => {
    const first = await get(VIEWER);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"fleet-/);
    const again = await get(VIEWER, { "if-none-match": etag });
    expect(again.status).toBe(304);
    const { runtime } = await import("@/lib/server");
    await runtime().stores.mci.updateVm("vm-w2", { status: "Running" });
    // The cache reads the rows again at most once a second.
    await new Promise((r) => setTimeout(r, 1_100));
    const changed = await get(VIEWER, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(((await changed.json()) as FleetView).totals.byStatus).toEqual({ Running: 4, Failed: 1 });
  });
});
