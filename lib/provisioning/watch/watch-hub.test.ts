import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MciRepository } from "@/lib/store/mci";
import type { MciWatchReader } from "@/lib/store/mci-watch";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import type { MciView, VmView } from "@/lib/validation/mci";
import { toMciView } from "../view";
import type { WatchChunk } from "./mci-poller";
import { MciWatchHub } from "./watch-hub";

const REGION = "aws-us-east-1";
const decoder = new TextDecoder();

/** The SSE events in some bytes, in order. */
function eventsOf(bytes: Uint8Array): { id: number; event: string; data: unknown }[] {
  return decoder
    .decode(bytes)
    .split("\n\n")
    .filter((b) => b.startsWith("id: "))
    .map((b) => {
      const [id, event, data] = b.split("\n");
      return { id: Number(id.slice(4)), event: event.slice(7), data: JSON.parse(data.slice(6)) as unknown };
    });
}

let t: TempDatabase;
let repo: MciRepository;
let hub: MciWatchHub;
let reads: { full: number; changes: number; ids: number };

async function makeMci(id: string, names: string[]): Promise<void> {
  const sg = { id: `sg-${id}`, name: "web", connection: REGION, regionKey: REGION, specId: "t3.micro", imageId: "ubuntu", count: names.length };
  await repo.createMci({ id, namespace: "default", name: id, description: "", policy: "continue" }, [sg], names.map((n) => ({ id: `${id}-${n}`, name: n, subGroupId: sg.id, connection: REGION, regionKey: REGION, specId: "t3.micro", imageId: "ubuntu" })));
}

/** A watcher that keeps every chunk it was sent. */
function collector() {
  const chunks: WatchChunk[] = [];
  return { chunks, listener: (c: WatchChunk) => void chunks.push(c), events: () => chunks.flatMap((c) => eventsOf(c.bytes)) };
}

beforeEach(async () => {
  t = tempDatabase();
  repo = new MciRepository(t.prisma);
  await t.prisma.namespace.create({ data: { name: "default", description: "", sshPublicKey: "" } });
  reads = { full: 0, changes: 0, ids: 0 };
  const reader = repo.watchReader();
  const counted: Pick<MciWatchReader, "readFull" | "readChanges" | "readVmIds"> = {
    readFull: (...a) => (reads.full++, reader.readFull(...a)),
    readChanges: (...a) => (reads.changes++, reader.readChanges(...a)),
    readVmIds: (...a) => (reads.ids++, reader.readVmIds(...a)),
  };
  // Ticks come from the test alone (the interval never elapses within it).
  hub = new MciWatchHub(counted, { intervalMs: 3_600_000 });
});
afterEach(async () => {
  hub.close();
  await t.cleanup();
});

describe("the MCI watch hub", () => {
  it("reads once per tick for any number of watchers, and sends them all the same bytes", async () => {
    await makeMci("m1", ["web-1", "web-2"]);
    const a = collector();
    const b = collector();
    const wa = await hub.watch("default", "m1", a.listener);
    const wb = await hub.watch("default", "m1", b.listener);
    expect(reads).toEqual({ full: 1, changes: 0, ids: 0 });
    // The snapshot is the view GET answers.
    const snapshot = eventsOf(wa.snapshot)[0];
    expect(snapshot.event).toBe("snapshot");
    expect(snapshot.data).toEqual(JSON.parse(JSON.stringify(toMciView(await repo.getMci("default", "m1")))));
    expect(wb.snapshot).toBe(wa.snapshot);

    // Written through another client on the same file, as another server's reconciler would.
    const other = new MciRepository(t.reopen());
    await other.updateVm("m1-web-1", { status: "Running", publicIp: "203.0.113.7" });
    await hub.tickAll();
    expect(reads).toEqual({ full: 1, changes: 1, ids: 0 });
    expect(a.chunks).toHaveLength(1);
    expect(b.chunks[0].bytes).toBe(a.chunks[0].bytes);
    const sent = a.events();
    expect(sent.map((e) => e.event)).toEqual(["mci", "vms"]);
    expect((sent[1].data as VmView[]).map((v) => [v.id, v.status, v.publicIp])).toEqual([["m1-web-1", "Running", "203.0.113.7"]]);
    expect((sent[0].data as Partial<MciView>).statusCount).toMatchObject({ running: 1, creating: 1, total: 2 });
    expect(sent[1].id).toBeGreaterThan(sent[0].id);

    // Nothing changed: a read, no message.
    await hub.tickAll();
    expect(reads.changes).toBe(2);
    expect(a.chunks).toHaveLength(1);
    wa.unsubscribe();
    wb.unsubscribe();
  });

  it("starts a poller with the first watcher and stops it with the last", async () => {
    await makeMci("m1", ["web-1"]);
    const a = await hub.watch("default", "m1", () => undefined);
    const b = await hub.watch("default", "m1", () => undefined);
    expect(hub.watchedMcis()).toEqual(["m1"]);
    a.unsubscribe();
    expect(hub.watchedMcis()).toEqual(["m1"]);
    b.unsubscribe();
    expect(hub.watchedMcis()).toEqual([]);
    await hub.tickAll();
    expect(reads.changes).toBe(0);
  });

  it("answers not found for an unknown MCI or another namespace, and keeps no poller for them", async () => {
    await makeMci("m1", ["web-1"]);
    await expect(hub.watch("default", "nope", () => undefined)).rejects.toThrow(/MCI "nope" does not exist in namespace "default"/);
    await expect(hub.watch("team", "m1", () => undefined)).rejects.toThrow(/does not exist in namespace "team"/);
    expect(hub.watchedMcis()).toEqual([]);
  });

  it("sends new and removed VMs, changed subgroups and new events", async () => {
    await makeMci("m1", ["web-1", "web-2"]);
    const a = collector();
    await hub.watch("default", "m1", a.listener);
    await repo.addToMci("m1", "default", [{ id: "sg-db", name: "db", connection: REGION, regionKey: REGION, specId: "t3.micro", imageId: "ubuntu", count: 1 }], [{ id: "m1-db-1", name: "db-1", subGroupId: "sg-db", connection: REGION, regionKey: REGION, specId: "t3.micro", imageId: "ubuntu" }], []);
    await repo.removeVms("m1", ["m1-web-2"]);
    await repo.addEvent("m1", "scaled", "info", "m1-db-1");
    await hub.tickAll();
    const byEvent = Object.fromEntries(a.events().map((e) => [e.event, e.data]));
    expect(Object.keys(byEvent)).toEqual(["mci", "removed", "vms", "events"]);
    expect(byEvent.removed).toEqual(["m1-web-2"]);
    expect((byEvent.vms as VmView[]).map((v) => [v.name, v.subGroup])).toEqual([["db-1", "db"]]);
    expect((byEvent.mci as Partial<MciView>).subGroups?.map((s) => s.name)).toEqual(["web", "db"]);
    expect((byEvent.events as { message: string; vmId: string }[]).map((e) => [e.message, e.vmId])).toEqual([["scaled", "m1-db-1"]]);
  });

  it("drops removed VMs by their ids alone, without reading the rows again", async () => {
    await makeMci("m1", ["web-1", "web-2", "web-3"]);
    const a = collector();
    await hub.watch("default", "m1", a.listener);
    await repo.removeVms("m1", ["m1-web-1", "m1-web-3"]);
    await hub.tickAll();
    expect(reads).toEqual({ full: 1, changes: 1, ids: 1 });
    const sent = a.events();
    expect(sent.find((e) => e.event === "removed")?.data).toEqual(["m1-web-1", "m1-web-3"]);
    expect(sent.find((e) => e.event === "vms")).toBeUndefined();
    expect((sent.find((e) => e.event === "mci")?.data as Partial<MciView>).statusCount).toMatchObject({ total: 1 });
  });

  it("finds a write whose transaction committed after the read that should have seen it", async () => {
    await makeMci("m1", ["web-1"]);
    const a = collector();
    await hub.watch("default", "m1", a.listener);
    await hub.tickAll();
    // Stamped a second before the last read began: it was written in a transaction that took that long to commit.
    await t.prisma.vm.update({ where: { id: "m1-web-1" }, data: { status: "Failed", updatedAt: new Date(Date.now() - 1_000) } });
    await hub.tickAll();
    expect(a.events().find((e) => e.event === "vms")?.data).toMatchObject([{ id: "m1-web-1", status: "Failed" }]);
  });

  it("sends an event whose smaller id committed after a larger one was sent, and each event once", async () => {
    await makeMci("m1", ["web-1"]);
    const a = collector();
    await hub.watch("default", "m1", a.listener);
    const sentMessages = () => a.events().filter((e) => e.event === "events").flatMap((e) => (e.data as { message: string }[]).map((x) => x.message));
    await t.prisma.mciEvent.create({ data: { id: 30, mciId: "m1", message: "third" } });
    await hub.tickAll();
    expect(sentMessages()).toEqual(["third"]);
    // Its id was drawn before 30's, its transaction committed after the read that sent 30.
    await t.prisma.mciEvent.create({ data: { id: 20, mciId: "m1", message: "second" } });
    await hub.tickAll();
    await hub.tickAll();
    expect(sentMessages()).toEqual(["third", "second"]);
  });

  it("sends a burst of events larger than one read over the next ticks, each once and in order", async () => {
    await makeMci("m1", ["web-1"]);
    const a = collector();
    await hub.watch("default", "m1", a.listener);
    await t.prisma.mciEvent.createMany({ data: Array.from({ length: 300 }, (_, i) => ({ mciId: "m1", message: `e${i}` })) });
    await hub.tickAll();
    await hub.tickAll();
    await hub.tickAll();
    const sent = a.events().filter((e) => e.event === "events").flatMap((e) => (e.data as { message: string }[]).map((x) => x.message));
    expect(sent).toEqual(Array.from({ length: 300 }, (_, i) => `e${i}`));
  });

  it("ends every watch when the MCI is deleted, and stops its poller", async () => {
    await makeMci("m1", ["web-1"]);
    const a = collector();
    await hub.watch("default", "m1", a.listener);
    await repo.deleteMci("m1");
    await hub.tickAll();
    expect(a.chunks.map((c) => c.end)).toEqual([true]);
    expect(a.events().map((e) => e.event)).toEqual(["end"]);
    expect(hub.watchedMcis()).toEqual([]);
  });
});
