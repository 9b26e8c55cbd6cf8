import { afterEach, describe, expect, it } from "vitest";
import { AppInstallRepository } from "./apps";
import { CommandRepository } from "./commands";
import { tempDatabase, type TempDatabase } from "./testing";

let temp: TempDatabase;
afterEach(async () => temp?.cleanup());

const command = (id: string, owner: string | null) => ({ id, mciId: "m1", namespace: "default", command: "uptime", subGroup: null, vmIds: null, timeoutSeconds: 60, concurrency: 4, createdBy: "tester", owner });
const install = (id: string, app: string, owner: string | null) => ({ id, namespace: "default", mciId: "m1", app, version: "1", subGroup: null, createdBy: "tester", owner });

describe("what each server runs", () => {
  it("interrupts the running commands of servers not alive (and of none), never those of a live server", async () => {
    temp = tempDatabase();
    const commands = new CommandRepository(temp.prisma);
    const vms = [{ vmId: "v1", vmName: "vm-1", status: "running" }, { vmId: "v2", vmName: "vm-2", status: "succeeded" }];
    await commands.create(command("cmd-live", "live"), vms);
    await commands.create(command("cmd-dead", "dead"), vms);
    await commands.create(command("cmd-old", null), vms);
    const now = new Date(Date.UTC(2026, 0, 1));
    expect(await commands.interruptRunning(now, "its server died", ["live", "other"])).toBe(2);
    expect((await commands.find("cmd-live"))?.status).toBe("running");
    const dead = await commands.find("cmd-dead");
    expect(dead).toMatchObject({ status: "interrupted", endedAt: now });
    expect(dead?.vms.map((v) => [v.vmId, v.status, v.message])).toEqual([
      ["v1", "interrupted", "its server died"],
      ["v2", "succeeded", null],
    ]);
    expect((await commands.find("cmd-old"))?.status).toBe("interrupted");
    // Again: nothing left to interrupt; with no list (one server at its start) the live one goes too.
    expect(await commands.interruptRunning(now, "x", ["live"])).toBe(0);
    expect(await commands.interruptRunning(now, "x")).toBe(1);
  });

  it("lets exactly one of several servers take over a dead server's install", async () => {
    temp = tempDatabase();
    const apps = [new AppInstallRepository(temp.prisma), new AppInstallRepository(temp.reopen()), new AppInstallRepository(temp.reopen())];
    await apps[0].create(install("app-1", "web", "dead"), [{ vmId: "v1", vmName: "vm-1", state: "installing", step: "s" }], () => new Error("unexpected"));
    await apps[0].create(install("app-2", "db", null), [], () => new Error("unexpected"));
    const taken = await Promise.all(apps.map((a, i) => a.takeOver("app-1", "dead", `s${i}`)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    const winner = `s${taken.indexOf(true)}`;
    expect((await apps[0].find("app-1"))?.owner).toBe(winner);
    // Taken from nobody (an install from before owners), and not again from the same former owner.
    expect(await apps[1].takeOver("app-2", null, "s1")).toBe(true);
    expect(await apps[2].takeOver("app-2", null, "s2")).toBe(false);
    await apps[0].finish("app-1", new Date());
    expect(await apps[0].takeOver("app-1", winner, "s9")).toBe(false);
  });
});
