import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Liveness } from "@/lib/core/liveness";
import { Ticker } from "@/lib/monitoring/ticker";
import { eventually, startHarness } from "@/lib/provisioning/testing/harness";
import { openDb, stores } from "@/lib/store";
import { tempDatabase } from "@/lib/store/testing";
import { checkHealth, RECONCILER_STALL_MS } from "./health";

const temp = tempDatabase();
afterAll(() => temp.cleanup());

const NOW = 1_800_000_000_000;
const turning: Liveness = { running: true, lastTurnAt: NOW - 400 };
const readable = () => stores(temp.prisma).database.read();

describe("the health check", () => {
  it("is ok when the database reads and the loops turn", async () => {
    const h = await checkHealth({ readDatabase: readable, reconciler: turning, collector: turning, now: NOW });
    expect(h.status).toBe("ok");
    expect(h.checks).toEqual({
      database: { ok: true, state: "ok", message: "read" },
      reconciler: { ok: true, state: "ok", message: "the reconciler runs", lastTurnAgoMs: 400 },
      collector: { ok: true, state: "ok", message: "the collector runs", lastTurnAgoMs: 400 },
    });
  });

  it("is not failed by a collector switched off by configuration", async () => {
    const h = await checkHealth({ readDatabase: readable, reconciler: turning, collector: null, now: NOW });
    expect(h.status).toBe("ok");
    expect(h.checks.collector).toMatchObject({ ok: true, state: "off" });
  });

  it("is degraded, naming the database, when the database file is not a database", async () => {
    const file = path.join(path.dirname(temp.file), "garbage.db");
    writeFileSync(file, "this is not an SQLite file, whatever its name says".repeat(100));
    const broken = openDb(file);
    try {
      const h = await checkHealth({ readDatabase: () => stores(broken).database.read(), reconciler: turning, collector: turning, now: NOW });
      expect(h.status).toBe("degraded");
      expect(h.checks.database).toMatchObject({ ok: false, state: "unreadable" });
      expect(h.checks.database.message).toMatch(/^cannot be read: .*not a database/);
      expect(h.checks.reconciler.ok).toBe(true);
    } finally {
      await broken.$disconnect();
    }
  });

  it("is degraded when the database's folder is gone", async () => {
    const gone = path.join(path.dirname(temp.file), "removed");
    rmSync(gone, { recursive: true, force: true });
    const missing = openDb(path.join(gone, "barista.db"));
    try {
      const h = await checkHealth({ readDatabase: () => stores(missing).database.read(), reconciler: turning, collector: turning, now: NOW });
      expect(h.status).toBe("degraded");
      expect(h.checks.database.state).toBe("unreadable");
    } finally {
      await missing.$disconnect();
    }
  });

  it("is degraded when the reconciler stopped, or stalls", async () => {
    const stopped = await checkHealth({ readDatabase: readable, reconciler: { running: false, lastTurnAt: NOW - 2_000 }, collector: turning, now: NOW });
    expect(stopped.status).toBe("degraded");
    expect(stopped.checks.reconciler).toEqual({ ok: false, state: "stopped", message: "the reconciler has stopped", lastTurnAgoMs: 2_000 });
    const stalled = await checkHealth({ readDatabase: readable, reconciler: { running: true, lastTurnAt: NOW - RECONCILER_STALL_MS - 1 }, collector: turning, now: NOW });
    expect(stalled.status).toBe("degraded");
    expect(stalled.checks.reconciler.state).toBe("stalled");
  });

  it("is degraded until the reconciler has started (a server still starting is not ready)", async () => {
    const h = await checkHealth({ readDatabase: readable, reconciler: { running: false, lastTurnAt: null }, collector: turning, now: NOW });
    expect(h.status).toBe("degraded");
    expect(h.checks.reconciler.state).toBe("starting");
  });
});

describe("the loops' liveness", () => {
  it("shows a real reconciler turning, then stopped", async () => {
    const harness = await startHarness(temp.reopen());
    const live = await eventually(async () => harness.reconciler.liveness(), (l) => l.lastTurnAt !== null, "a first turn");
    expect(live.running).toBe(true);
    expect((await checkHealth({ readDatabase: readable, reconciler: live, collector: null, now: Date.now() })).checks.reconciler.ok).toBe(true);
    await harness.reconciler.stop();
    const h = await checkHealth({ readDatabase: readable, reconciler: harness.reconciler.liveness(), collector: null, now: Date.now() });
    expect(h.status).toBe("degraded");
    expect(h.checks.reconciler.state).toBe("stopped");
  });

  it("shows a ticker turning, then stopped", async () => {
    let runs = 0;
    const ticker = new Ticker(5, async () => void runs++, () => {});
    expect(ticker.liveness()).toEqual({ running: false, lastTurnAt: null });
    ticker.start(0);
    const live = await eventually(async () => ticker.liveness(), (l) => l.lastTurnAt !== null, "a first run");
    expect(live.running).toBe(true);
    await ticker.stop();
    expect(ticker.liveness().running).toBe(false);
    expect(runs).toBeGreaterThan(0);
  });
});
