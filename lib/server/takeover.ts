import type { AppInstaller } from "@/lib/remote/apps";
import type { CommandEngine } from "@/lib/remote/commands";
import type { WorkQueueRepository } from "@/lib/store/work-queue";
import type { ServerHeartbeat } from "./server-node";

/** How often every server looks for what dead servers left. */
export const TAKEOVER_EVERY_MS = 5_000;

export interface TakeoverDeps {
  heartbeat: Pick<ServerHeartbeat, "alive">;
  queue: Pick<WorkQueueRepository, "owners" | "releaseOwners">;
  commands: Pick<CommandEngine, "interruptLeftovers">;
  apps: Pick<AppInstaller, "resumeLeftovers">;
}

export interface Takeover {
  /** Work items of dead servers, freed before their leases ran out. */
  released: number;
  /** Commands that were running on dead servers, now interrupted. */
  interrupted: number;
  /** App installs of dead servers this server goes on with. */
  resumed: number;
}

/**
 * What servers that stopped or died were doing, taken over by this one: their work items go back
 * to the queue, their commands end as interrupted (nobody follows their SSH sessions any more),
 * their app installs go on here from the step they were in. `alive` defaults to the servers seen
 * lately; a server alone on its database (SQLite) passes just itself at start, as nobody else can
 * be alive then.
 */
export async function takeOverFromDead(deps: TakeoverDeps, alive?: readonly string[]): Promise<Takeover> {
  const live = alive ?? (await deps.heartbeat.alive());
  const dead = (await deps.queue.owners()).filter((o) => !live.includes(o));
  const released = await deps.queue.releaseOwners(dead);
  // Commands first: an install goes on from the step whose command is marked interrupted here.
  const interrupted = await deps.commands.interruptLeftovers(live);
  const resumed = await deps.apps.resumeLeftovers(live);
  return { released, interrupted, resumed };
}

/** Takes over from dead servers every TAKEOVER_EVERY_MS, logging what it took. */
export function startTakeoverLoop(deps: TakeoverDeps, log: (line: string) => void, onError: (e: unknown) => void): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    takeOverFromDead(deps)
      .then((t) => {
        if (t.released) log(`took back ${t.released} work item(s) a stopped server held`);
        if (t.interrupted) log(`${t.interrupted} remote command(s) were running on a server that stopped: marked interrupted`);
        if (t.resumed) log(`went on with ${t.resumed} app install(s) a stopped server left`);
      }, onError)
      .finally(() => (busy = false));
  }, TAKEOVER_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
