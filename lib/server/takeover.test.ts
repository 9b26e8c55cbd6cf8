import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { CommandEngine, type CommandDeps } from "@/lib/remote/commands";
import { stores } from "@/lib/store";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import { DEAD_AFTER_MS, ServerHeartbeat } from "./server-node";
import { takeOverFromDead } from "./takeover";

let temp: TempDatabase;
afterEach(async () => temp?.cleanup());

const command = (id: string, owner: string) => ({ id, mciId: "m1", namespace: "default", command: "sleep 60", subGroup: null, vmIds: null, timeoutSeconds: 60, concurrency: 1, createdBy: "tester", owner });

describe("taking over from a server that died", () => {
  it("frees its work, interrupts its commands and hands its installs on, leaving a live server's alone", async () => {
    temp = tempDatabase();
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const s = stores(temp.prisma);
    const dead = new ServerHeartbeat("dead", s.serverNodes, clock);
    await dead.beat();
    clock.advance(DEAD_AFTER_MS + 1_000);
    const live = new ServerHeartbeat("live", stores(temp.reopen()).serverNodes, clock);
    await live.beat();
    const me = new ServerHeartbeat("me", s.serverNodes, clock);
    await me.beat();

    await s.queue.enqueueMany(["vm:1", "vm:2", "vm:3"].map((key) => ({ key, connection: "c" })), 0);
    await s.queue.claim("dead", clock.now(), 30_000, 2);
    await s.queue.claim("live", clock.now(), 30_000, 1);
    await s.commands.create(command("cmd-dead", "dead"), [{ vmId: "v1", vmName: "vm-1", status: "running" }]);
    await s.commands.create(command("cmd-live", "live"), [{ vmId: "v1", vmName: "vm-1", status: "running" }]);
    const engine = new CommandEngine({ commands: s.commands, clock } as unknown as CommandDeps);
    const handedOn: (readonly string[] | undefined)[] = [];
    const apps = { resumeLeftovers: async (alive?: readonly string[]) => (handedOn.push(alive), 1) };

    const t = await takeOverFromDead({ heartbeat: me, queue: s.queue, commands: engine, apps });
    expect(t).toEqual({ released: 2, interrupted: 1, resumed: 1 });
    expect((await s.commands.find("cmd-dead"))?.status).toBe("interrupted");
    expect((await s.commands.find("cmd-dead"))?.vms[0].status).toBe("interrupted");
    expect((await s.commands.find("cmd-live"))?.status).toBe("running");
    expect(await s.queue.owners()).toEqual(["live"]);
    expect([...(handedOn[0] ?? [])].sort()).toEqual(["live", "me"]);
    // Nothing more to take the second time.
    expect(await takeOverFromDead({ heartbeat: me, queue: s.queue, commands: engine, apps })).toMatchObject({ released: 0, interrupted: 0 });
  });
});
