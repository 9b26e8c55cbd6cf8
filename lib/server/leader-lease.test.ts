import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { LeaseRepository } from "@/lib/store/leases";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import { LEADER_RENEW_MS, LeaderLease } from "./leader-lease";

let temp: TempDatabase;
afterEach(async () => temp?.cleanup());

describe("the leader lease", () => {
  it("has one leader at a time, and a follower leads within 15 s of the leader's loss", async () => {
    temp = tempDatabase();
    const clock = new ManualClock();
    const lease = (holder: string, prisma = temp.reopen()) => new LeaderLease({ store: new LeaseRepository(prisma), name: "monitoring", holder, clock });
    const a = lease("a");
    const b = lease("b");
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    // A minute of both renewing and trying every 3 s: a leads throughout, b never.
    for (let t = 0; t < 60_000; t += LEADER_RENEW_MS) {
      clock.advance(LEADER_RENEW_MS);
      expect([await a.tick(), await b.tick()]).toEqual([true, false]);
    }
    // a dies (its process is gone: it renews no more). b keeps trying every 3 s.
    const lost = clock.now();
    let tookOverAfter: number | null = null;
    while (tookOverAfter === null && clock.now() - lost <= 60_000) {
      clock.advance(LEADER_RENEW_MS);
      if (await b.tick()) tookOverAfter = clock.now() - lost;
      // Never two leaders: a, had it lived on without renewing, would have stepped down first.
      expect(a.isLeader() && b.isLeader()).toBe(false);
    }
    expect(tookOverAfter).not.toBeNull();
    expect(tookOverAfter!).toBeLessThanOrEqual(15_000);
    // a comes back: b leads now, a follows.
    expect(await a.tick()).toBe(false);
    expect(await b.tick()).toBe(true);
    // A leader that stops gives the lease up: the next to try leads at once.
    await b.stop();
    expect(b.isLeader()).toBe(false);
    expect(await a.tick()).toBe(true);
  });

  it("gives the lease to one of several servers trying at the same moment, and tells each when it starts or stops leading", async () => {
    temp = tempDatabase();
    const clock = new ManualClock();
    const changes: string[] = [];
    const servers = ["s1", "s2", "s3", "s4"].map(
      (holder) => new LeaderLease({ store: new LeaseRepository(temp.reopen()), name: "monitoring", holder, clock, onChange: (on) => changes.push(`${holder} ${on ? "leads" : "follows"}`) }),
    );
    const first = await Promise.all(servers.map((s) => s.tick()));
    expect(first.filter(Boolean)).toHaveLength(1);
    const leader = servers[first.indexOf(true)];
    clock.advance(9_000);
    // Its lease (10 s) has not run out, but it renewed nothing: it stops acting before a follower may start.
    expect(leader.isLeader()).toBe(false);
    expect(changes).toEqual([`s${first.indexOf(true) + 1} leads`, `s${first.indexOf(true) + 1} follows`]);
    expect((await Promise.all(servers.map((s) => s.tick()))).filter(Boolean)).toHaveLength(1);
  });
});
