import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeDatabase, type AuthHeader, type Handler } from "@/lib/http/testing/route-database";
import { db } from "@/lib/store";
import { makeFleet, type Fleet } from "../commands/testing";
import { startTestSshd, type TestSshd } from "../testing/sshd.mjs";
import type { AppInstaller } from "./installer";
import { makeInstaller, testRecipe } from "./testing";

// The real route modules over a database of this test's own; the server's installer is swapped
// for one with test recipes over an MCI whose VMs log in to a real OpenSSH server.
const { tokenFor } = routeDatabase("apps-api");

let catalogue: { GET: Handler };
let collection: { GET: Handler; POST: Handler };
let sshd: TestSshd;
let f: Fleet;
let installer: AppInstaller;
let VIEWER: AuthHeader;
let OPERATOR: AuthHeader;

beforeAll(async () => {
  catalogue = await import("@/app/api/v1/apps/route");
  collection = await import("@/app/api/v1/ns/[ns]/mci/[id]/apps/route");
  const { runtime } = await import("@/lib/server");
  sshd = await startTestSshd();
  f = await makeFleet(db(), () => ({ host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey }), { subGroups: { web: 2, db: 1 } });
  const rt = runtime();
  installer = makeInstaller(db(), f.engine, [
    testRecipe({ id: "hello", ports: [{ protocol: "tcp", port: 8080, description: "web" }], url: "http://{{host}}:8080/", steps: [{ name: "Wait a moment", run: "sleep 1" }], health: { run: "true" } }),
  ]);
  rt.apps = installer;
  VIEWER = await tokenFor("viewer");
  OPERATOR = await tokenFor("operator");
});
afterAll(async () => {
  await sshd?.stop();
});

const base = () => `http://x/api/v1/ns/${f.namespace}/mci/${f.mciId}/apps`;
const params = (id = f.mciId) => ({ params: Promise.resolve({ ns: f.namespace, id }) });
const post = (body: unknown, auth = OPERATOR) => collection.POST(new Request(base(), { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...auth } }), params());
const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error;

describe("the apps API", () => {
  it("lists the apps to a viewer, and to no one signed out", async () => {
    const r = await catalogue.GET(new Request("http://x/api/v1/apps", { headers: VIEWER }), { params: Promise.resolve({}) });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual([{ id: "hello", name: "Test hello", version: "1.0.0", description: "A test app.", ports: [{ protocol: "tcp", port: 8080, description: "web" }], url: "http://{{host}}:8080/", steps: ["Wait a moment"] }]);
    expect((await catalogue.GET(new Request("http://x/api/v1/apps"), { params: Promise.resolve({}) })).status).toBe(401);
  });

  it("validates the request and says what to fix", async () => {
    const cases: [unknown, number, RegExp][] = [
      [{}, 400, /app/],
      [{ app: "" }, 400, /name the app to install/],
      [{ app: "nope" }, 400, /there is no app "nope"; the apps are hello/],
      [{ app: "hello", subGroup: "cache" }, 404, /no subgroup "cache"; it has (web, db|db, web)$/],
      [{ app: "hello", colour: 1 }, 400, /colour/],
    ];
    for (const [body, status, message] of cases) {
      const r = await post(body);
      expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), status]);
      expect(await errorOf(r)).toMatch(message);
    }
    expect((await collection.GET(new Request(base(), { headers: VIEWER }), params("mci-none"))).status).toBe(404);
  });

  it("lets an operator install (202, audited) and a viewer only read; a second install meanwhile is 409", async () => {
    const refused = await post({ app: "hello" }, VIEWER);
    expect(refused.status).toBe(403);
    const r = await post({ app: "hello", subGroup: "web" });
    expect(r.status).toBe(202);
    const { id } = (await r.json()) as { id: string };
    const again = await post({ app: "hello" });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatch(/Test hello is still being installed on MCI .* \(install app-\w+, started by operator/);
    const during = (await (await collection.GET(new Request(base(), { headers: VIEWER }), params())).json()) as { installId: string; status: string; vms: { state: string }[] }[];
    expect(during).toMatchObject([{ installId: id, status: "installing" }]);
    expect(during[0].vms.every((v) => v.state === "installing")).toBe(true);
    await installer.settled(id);
    const after = (await (await collection.GET(new Request(base(), { headers: VIEWER }), params())).json()) as unknown[];
    expect(after).toMatchObject([
      {
        app: "hello",
        installId: id,
        subGroup: "web",
        status: "finished",
        createdBy: "operator",
        counts: { installing: 0, running: 2, failed: 0 },
        vms: [
          { vmName: "web-1", state: "running", step: "health check", url: "http://127.0.0.1:8080/" },
          { vmName: "web-2", state: "running", url: "http://127.0.0.1:8080/" },
        ],
      },
    ]);
    const audit = await db().auditEntry.findMany({ where: { action: "POST /api/v1/ns/{ns}/mci/{id}/apps" } });
    expect(audit.map((e) => [e.target, e.result])).toContainEqual([`${f.namespace}/${f.mciId}/apps/${id}: hello 1.0.0 on subgroup web`, "ok"]);
    expect(audit.filter((e) => e.result === "ok")).toHaveLength(1);
  });
});
