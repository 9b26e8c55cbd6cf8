import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeDatabase, type AuthHeader, type Handler } from "@/lib/http/testing/route-database";
import { db } from "@/lib/store";
import { startTestSshd, type TestSshd } from "../testing/sshd.mjs";
import { makeFleet, type Fleet } from "./testing";

// The real route modules over a database of this test's own; the server's command engine is
// swapped for one whose VMs log in to a real OpenSSH server, so every request runs for real.
const { tokenFor } = routeDatabase("commands-api");

let collection: { GET: Handler; POST: Handler };
let one: { GET: Handler };
let stream: { GET: Handler };
let cancel: { POST: Handler };
let sshd: TestSshd;
let f: Fleet;
let VIEWER: AuthHeader;
let OPERATOR: AuthHeader;

beforeAll(async () => {
  collection = await import("@/app/api/v1/ns/[ns]/mci/[id]/commands/route");
  one = await import("@/app/api/v1/ns/[ns]/mci/[id]/commands/[cid]/route");
  stream = await import("@/app/api/v1/ns/[ns]/mci/[id]/commands/[cid]/stream/route");
  cancel = await import("@/app/api/v1/ns/[ns]/mci/[id]/commands/[cid]/cancel/route");
  const { runtime } = await import("@/lib/server");
  sshd = await startTestSshd();
  f = await makeFleet(db(), () => ({ host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey }), { subGroups: { web: 2, db: 1 } });
  const rt = runtime();
  rt.commands = f.engine;
  VIEWER = await tokenFor("viewer");
  OPERATOR = await tokenFor("operator");
});
afterAll(async () => {
  await sshd?.stop();
});

const base = () => `http://x/api/v1/ns/${f.namespace}/mci/${f.mciId}/commands`;
const params = (more: Record<string, string> = {}) => ({ params: Promise.resolve({ ns: f.namespace, id: f.mciId, ...more }) });
const post = (body: unknown, auth = OPERATOR) => collection.POST(new Request(base(), { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...auth } }), params());
const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error;

/** The events of a text/event-stream body, in order, once the server closed it. */
async function readEvents(r: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await r.text();
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => {
      const [head, data] = block.split("\n");
      return { event: head.slice("event: ".length), data: JSON.parse(data.slice("data: ".length)) as unknown };
    });
}

describe("the remote commands API", () => {
  it("validates the request and says what to fix", async () => {
    const cases: [unknown, number, RegExp][] = [
      [{}, 400, /command/],
      [{ command: "   " }, 400, /type a command/],
      [{ command: "a\u0000b" }, 400, /NUL/],
      [{ command: "x".repeat(64 * 1024 + 1) }, 400, /64 KiB/],
      [{ command: "true", timeoutSeconds: 0 }, 400, /timeoutSeconds/],
      [{ command: "true", timeoutSeconds: 86_401 }, 400, /a day/],
      [{ command: "true", concurrency: 1001 }, 400, /at most 1000/],
      [{ command: "true", subGroup: "cache" }, 404, /no subgroup "cache"; it has (web, db|db, web)$/],
      [{ command: "true", vmIds: ["vm-nope"] }, 404, /no VM vm-nope/],
      [{ command: "true", subGroup: "db", vmIds: [f.vms[0].id] }, 400, /web-1 is not in subgroup "db"/],
      [{ command: "true", nonsense: 1 }, 400, /nonsense/],
    ];
    for (const [body, status, message] of cases) {
      const r = await post(body);
      expect([JSON.stringify(body).slice(0, 60), r.status]).toEqual([JSON.stringify(body).slice(0, 60), status]);
      expect(await errorOf(r)).toMatch(message);
    }
  });

  it("lets a viewer read but not run or cancel", async () => {
    const refused = await post({ command: "true" }, VIEWER);
    expect(refused.status).toBe(403);
    expect((await collection.GET(new Request(base(), { headers: VIEWER }), params())).status).toBe(200);
  });

  it("runs a command on one subgroup (202), records its text in the audit log, and lists it newest first", async () => {
    const r = await post({ command: "echo from-$(uname -s)", subGroup: "web" });
    expect(r.status).toBe(202);
    const { id } = (await r.json()) as { id: string };
    await f.engine.settled(id);
    const got = await one.GET(new Request(`${base()}/${id}`, { headers: VIEWER }), params({ cid: id }));
    const view = (await got.json()) as { status: string; createdBy: string; vms: { vmName: string; status: string; stdout: string }[] };
    expect(view.status).toBe("finished");
    expect(view.createdBy).toBe("operator");
    expect(view.vms.map((v) => [v.vmName, v.status, v.stdout])).toEqual([
      ["web-1", "succeeded", "from-Linux\n"],
      ["web-2", "succeeded", "from-Linux\n"],
    ]);
    const audit = await db().auditEntry.findMany({ where: { action: "POST /api/v1/ns/{ns}/mci/{id}/commands", result: "ok" } });
    expect(audit.map((e) => e.target)).toContain(`${f.namespace}/${f.mciId}/commands/${id}: echo from-$(uname -s)`);
    const second = (await (await post({ command: "true", vmIds: [f.vms[2].id] })).json()) as { id: string };
    await f.engine.settled(second.id);
    const list = (await (await collection.GET(new Request(`${base()}?limit=1`, { headers: VIEWER }), params())).json()) as { id: string; vmCount: number }[];
    expect(list.map((c) => [c.id, c.vmCount])).toEqual([[second.id, 1]]);
    const older = (await (await collection.GET(new Request(`${base()}?before=${second.id}`, { headers: VIEWER }), params())).json()) as { id: string }[];
    expect(older[0].id).toBe(id);
  });

  it("streams a snapshot, then output and statuses as they come, then the end", async () => {
    const { id } = (await (await post({ command: "echo one; sleep 1; echo two >&2", vmIds: [f.vms[0].id] })).json()) as { id: string };
    const r = await stream.GET(new Request(`${base()}/${id}/stream`, { headers: VIEWER }), params({ cid: id }));
    expect(r.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(r);
    expect(events[0].event).toBe("snapshot");
    expect(events.at(-1)).toEqual({ event: "end", data: { status: "finished" } });
    // What the snapshot and the events say together is the whole output, each byte once.
    const snapshot = events[0].data as { vms: { stdout: string; stderr: string }[] };
    const outputs = events.filter((e) => e.event === "output").map((e) => e.data as { stream: string; data: string });
    const stdout = snapshot.vms[0].stdout + outputs.filter((o) => o.stream === "stdout").map((o) => o.data).join("");
    const stderr = snapshot.vms[0].stderr + outputs.filter((o) => o.stream === "stderr").map((o) => o.data).join("");
    expect([stdout, stderr]).toEqual(["one\n", "two\n"]);
    // "two" was written a second after "one": it came as an event, before the VM's final status.
    const twoAt = events.findIndex((e) => e.event === "output" && (e.data as { data: string }).data === "two\n");
    const doneAt = events.findIndex((e) => e.event === "vm" && (e.data as { status: string }).status === "succeeded");
    expect(twoAt).toBeGreaterThan(0);
    expect(doneAt).toBeGreaterThan(twoAt);
    // An ended command answers its snapshot and its end at once.
    const again = await readEvents(await stream.GET(new Request(`${base()}/${id}/stream`, { headers: VIEWER }), params({ cid: id })));
    expect(again.map((e) => e.event)).toEqual(["snapshot", "end"]);
    expect((again[0].data as { vms: { stdout: string }[] }).vms[0].stdout).toBe("one\n");
  });

  it("cancels (202, operator only) and refuses to cancel what ended (409)", async () => {
    const { id } = (await (await post({ command: "sleep 30", subGroup: "web" })).json()) as { id: string };
    const url = `${base()}/${id}/cancel`;
    const byViewer = await cancel.POST(new Request(url, { method: "POST", headers: VIEWER }), params({ cid: id }));
    expect(byViewer.status).toBe(403);
    const r = await cancel.POST(new Request(url, { method: "POST", headers: OPERATOR }), params({ cid: id }));
    expect(r.status).toBe(202);
    await f.engine.settled(id);
    const view = (await (await one.GET(new Request(`${base()}/${id}`, { headers: VIEWER }), params({ cid: id }))).json()) as { status: string; counts: Record<string, number> };
    expect(view.status).toBe("cancelled");
    expect(view.counts.cancelled).toBe(2);
    const late = await cancel.POST(new Request(url, { method: "POST", headers: OPERATOR }), params({ cid: id }));
    expect(late.status).toBe(409);
    expect(await errorOf(late)).toMatch(/already ended/);
  });

  it("answers 404 for a command of another MCI and 409 when no chosen VM is Running", async () => {
    const r = await one.GET(new Request(`${base()}/cmd-000000000000`, { headers: VIEWER }), params({ cid: "cmd-000000000000" }));
    expect(r.status).toBe(404);
    const stopped = await makeFleet(db(), () => ({ host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey }), { subGroups: { a: 2 }, statuses: { 0: "Suspended", 1: "Creating" } });
    const refused = await collection.POST(
      new Request(base(), { method: "POST", body: JSON.stringify({ command: "true" }), headers: { "content-type": "application/json", ...OPERATOR } }),
      { params: Promise.resolve({ ns: stopped.namespace, id: stopped.mciId }) },
    );
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatch(/none of the 2 chosen VMs is Running \(1 Suspended, 1 Creating\)/);
  });
});
