import { beforeAll, describe, expect, it } from "vitest";
import { routeDatabase, type AuthHeader, type Handler } from "@/lib/http/testing/route-database";
import { db } from "@/lib/store";
import type { MciView, VmView } from "@/lib/validation/mci";

// The real route module over a database of this test's own; changes are written straight into the
// database, as any server's reconciler would, and reach the stream through the process's poller.
const { tokenFor } = routeDatabase("watch-api");

const REGION = "aws-us-east-1";
let watch: { GET: Handler };
let one: { GET: Handler };
let VIEWER: AuthHeader;
let AGENT: AuthHeader;

beforeAll(async () => {
  watch = await import("@/app/api/v1/ns/[ns]/mci/[id]/watch/route");
  one = await import("@/app/api/v1/ns/[ns]/mci/[id]/route");
  const { runtime } = await import("@/lib/server");
  const repo = runtime().stores.mci;
  await repo.createNamespace({ name: "default", description: "", sshPublicKey: "" });
  const sg = { id: "sg-web", name: "web", connection: REGION, regionKey: REGION, specId: "t3.micro", imageId: "ubuntu", count: 2 };
  for (const id of ["m1", "m2"]) {
    await repo.createMci({ id, namespace: "default", name: id, description: "", policy: "continue" }, [{ ...sg, id: `${sg.id}-${id}` }], ["web-1", "web-2"].map((n) => ({ id: `${id}-${n}`, name: n, subGroupId: `${sg.id}-${id}`, connection: REGION, regionKey: REGION, specId: "t3.micro", imageId: "ubuntu" })));
  }
  VIEWER = await tokenFor("viewer");
  AGENT = await tokenFor("agent");
  // Loading the route modules (the whole server) takes a while on a busy machine.
}, 60_000);

const url = (id: string, ns = "default") => `http://x/api/v1/ns/${ns}/mci/${id}/watch`;
const params = (id: string, ns = "default") => ({ params: Promise.resolve({ ns, id }) });
const hub = async () => {
  const { runtime } = await import("@/lib/server");
  const { watchHub } = await import("./watch-stream");
  return watchHub(runtime().provisioning);
};

/** Reads a text/event-stream body event by event, as a browser's EventSource would. */
function eventReader(r: Response) {
  const reader = r.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return async function next(): Promise<{ id: number; event: string; data: unknown }> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(":")) continue;
        const fields = Object.fromEntries(block.split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
        return { id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) as unknown };
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended");
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

describe("GET /api/v1/ns/{ns}/mci/{id}/watch", () => {
  it("streams the view GET answers, then a VM's status change as a delta", async () => {
    const abort = new AbortController();
    const r = await watch.GET(new Request(url("m1"), { headers: VIEWER, signal: abort.signal }), params("m1"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(r.headers.get("cache-control")).toMatch(/no-cache/);
    const next = eventReader(r);
    const snapshot = await next();
    expect(snapshot.event).toBe("snapshot");
    const got = await one.GET(new Request(url("m1").replace(/\/watch$/, ""), { headers: VIEWER }), params("m1"));
    expect(snapshot.data).toEqual(await got.json());

    await db().vm.update({ where: { id: "m1-web-2" }, data: { status: "Running", publicIp: "198.51.100.4" } });
    const events = [await next(), await next()];
    expect(events.map((e) => e.event)).toEqual(["mci", "vms"]);
    expect((events[0].data as Partial<MciView>).statusCount).toMatchObject({ running: 1, total: 2 });
    expect((events[1].data as VmView[]).map((v) => [v.id, v.status, v.publicIp])).toEqual([["m1-web-2", "Running", "198.51.100.4"]]);
    expect(events[1].id).toBeGreaterThan(events[0].id);
    abort.abort();
  });

  it("stops the MCI's poller when its last watcher goes away", async () => {
    const abort = new AbortController();
    const r = await watch.GET(new Request(url("m2"), { headers: VIEWER, signal: abort.signal }), params("m2"));
    const next = eventReader(r);
    expect((await next()).event).toBe("snapshot");
    expect((await hub()).watchedMcis()).toContain("m2");
    abort.abort();
    expect((await hub()).watchedMcis()).not.toContain("m2");
  });

  it("answers 404 in JSON for an unknown MCI or another namespace's, before any stream", async () => {
    for (const [ns, id] of [["default", "nope"], ["team", "m1"]]) {
      const r = await watch.GET(new Request(url(id, ns), { headers: VIEWER }), params(id, ns));
      expect(r.status).toBe(404);
      expect(r.headers.get("content-type")).toMatch(/json/);
      expect(((await r.json()) as { error: string }).error).toMatch(new RegExp(`MCI "${id}" does not exist in namespace "${ns}"`));
    }
  });

  it("lets any viewer in, and nobody without a role to read", async () => {
    expect((await watch.GET(new Request(url("m1")), params("m1"))).status).toBe(401);
    expect((await watch.GET(new Request(url("m1"), { headers: AGENT }), params("m1"))).status).toBe(403);
  });

  it("ends the stream with an end event when the MCI is deleted", async () => {
    const r = await watch.GET(new Request(url("m1"), { headers: VIEWER }), params("m1"));
    const next = eventReader(r);
    expect((await next()).event).toBe("snapshot");
    const { runtime } = await import("@/lib/server");
    await runtime().stores.mci.deleteMci("m1");
    const end = await next();
    expect(end.event).toBe("end");
    expect(end.data).toMatchObject({ reason: "deleted" });
    await expect(next()).rejects.toThrow(/the stream ended/);
  });
});
