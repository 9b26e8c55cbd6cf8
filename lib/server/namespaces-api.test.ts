import { beforeAll, describe, expect, it } from "vitest";
import { routeDatabase, type Handler } from "@/lib/http/testing/route-database";
import { db, stores } from "@/lib/store";

// DELETE /api/v1/namespaces/{ns} through its route, over a database of this test's own: the 404,
// the 409s in words, the key leaving the vault, and the audit entry of each answer.
const { adminAuth: auth } = routeDatabase("ns-api");

let namespaces: { GET: Handler; POST: Handler };
let namespace: { DELETE: Handler };

beforeAll(async () => {
  namespaces = await import("@/app/api/v1/namespaces/route");
  namespace = await import("@/app/api/v1/namespaces/[ns]/route");
});

const noParams = { params: Promise.resolve({}) };
const create = (name: string) => namespaces.POST(new Request("http://x/api/v1/namespaces", { method: "POST", body: JSON.stringify({ name }), headers: { "content-type": "application/json", ...auth } }), noParams);
const remove = (ns: string, headers: Record<string, string> = auth) => namespace.DELETE(new Request(`http://x/api/v1/namespaces/${ns}`, { method: "DELETE", headers }), { params: Promise.resolve({ ns }) });
const names = async () => ((await (await namespaces.GET(new Request("http://x/api/v1/namespaces", { headers: auth }), noParams)).json()) as { name: string }[]).map((n) => n.name);
const keyRow = (ns: string) => db().credential.findUnique({ where: { namespace: ns } });
const lastAudit = () => db().auditEntry.findFirst({ orderBy: { id: "desc" } });

describe("DELETE /api/v1/namespaces/{ns}", () => {
  it("removes an empty namespace and its SSH key from the vault, and audits it", async () => {
    expect((await create("demo-empty")).status).toBe(201);
    expect(await keyRow("demo-empty")).not.toBeNull();
    const res = await remove("demo-empty");
    expect(res.status).toBe(204);
    expect(await names()).not.toContain("demo-empty");
    expect(await keyRow("demo-empty")).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "DELETE /api/v1/namespaces/{ns}", target: "/api/v1/namespaces/demo-empty", result: "ok", status: 204 });
    // The name is free again, with a new key.
    expect((await create("demo-empty")).status).toBe(201);
    expect(await keyRow("demo-empty")).not.toBeNull();
  });

  it("answers 409 in words while the namespace holds an MCI, and keeps it and its key", async () => {
    expect((await create("demo-busy")).status).toBe(201);
    await stores().mci.createMci({ id: "mci-busy", namespace: "demo-busy", name: "conference", description: "", policy: "continue" }, [], []);
    const res = await remove("demo-busy");
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: string };
    expect(body.error).toContain('still holds an MCI: "conference"');
    expect(body.error).toContain("DELETE /api/v1/ns/demo-busy/mci/");
    expect(await names()).toContain("demo-busy");
    expect(await keyRow("demo-busy")).not.toBeNull();
    expect(await lastAudit()).toMatchObject({ target: "/api/v1/namespaces/demo-busy", status: 409 });
    // Once the MCI is gone the delete goes through.
    await stores().mci.deleteMci("mci-busy");
    expect((await remove("demo-busy")).status).toBe(204);
  });

  it("answers 409 while the namespace's network in a connection is still being freed", async () => {
    expect((await create("demo-net")).status).toBe(201);
    await stores().mci.upsertShared("demo-net", "sim-aws-us-east-1", { status: "Deleting" });
    const res = await remove("demo-net");
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/network in one connection being freed; try again/);
    await stores().mci.deleteShared("demo-net", "sim-aws-us-east-1");
    expect((await remove("demo-net")).status).toBe(204);
  });

  it("answers 404 for a namespace that does not exist", async () => {
    const res = await remove("nowhere");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain('namespace "nowhere" does not exist');
  });

  it("never removes the default namespace", async () => {
    if (!(await names()).includes("default")) expect((await create("default")).status).toBe(201);
    const res = await remove("default");
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toContain('"default" cannot be removed');
    expect(await names()).toContain("default");
  });

  it("refuses a caller without a token (401) and a bad name (400)", async () => {
    expect((await remove("demo-x", {})).status).toBe(401);
    expect((await remove("Not A Name")).status).toBe(400);
  });
});
