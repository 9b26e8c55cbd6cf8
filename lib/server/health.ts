import type { Liveness } from "@/lib/core/liveness";
import type { Health, HealthCheck } from "@/lib/validation/common";

export interface HealthDeps {
  /** Throws when the database cannot be read. */
  readDatabase(): Promise<void>;
  reconciler: Liveness;
  /** Null when collection is switched off: that is configuration, not a failure. */
  collector: Liveness | null;
  /** Wall-clock ms (the loops stamp their turns with it). */
  now: number;
}

/** The reconciler turns at least every second while idle; a minute without a turn means it hangs. */
export const RECONCILER_STALL_MS = 60_000;
/** The collector runs every 10 s and its passes are bounded; five minutes without one means it hangs. */
export const COLLECTOR_STALL_MS = 5 * 60_000;

async function databaseCheck(read: () => Promise<void>): Promise<HealthCheck> {
  try {
    await read();
    return { ok: true, state: "ok", message: "read" };
  } catch (e) {
    const reason = e instanceof Error ? e.message.trim().split("\n").at(-1) : String(e);
    return { ok: false, state: "unreadable", message: `cannot be read: ${reason}` };
  }
}

function loopCheck(what: string, l: Liveness, now: number, stallMs: number): HealthCheck {
  const ago = l.lastTurnAt === null ? undefined : Math.max(0, now - l.lastTurnAt);
  const at = ago === undefined ? {} : { lastTurnAgoMs: ago };
  if (!l.running) return l.lastTurnAt === null ? { ok: false, state: "starting", message: `the ${what} has not started yet` } : { ok: false, state: "stopped", message: `the ${what} has stopped`, ...at };
  if (ago === undefined) return { ok: true, state: "starting", message: `the ${what} is starting` };
  if (ago > stallMs) return { ok: false, state: "stalled", message: `the ${what} has not finished a turn for ${Math.round(ago / 1000)} s`, ...at };
  return { ok: true, state: "ok", message: `the ${what} runs`, ...at };
}

/** What `GET /api/v1/health` answers: degraded as soon as one check is not ok. */
export async function checkHealth(deps: HealthDeps): Promise<Health> {
  const checks: Health["checks"] = {
    database: await databaseCheck(deps.readDatabase),
    reconciler: loopCheck("reconciler", deps.reconciler, deps.now, RECONCILER_STALL_MS),
    collector: deps.collector ? loopCheck("collector", deps.collector, deps.now, COLLECTOR_STALL_MS) : { ok: true, state: "off", message: "collection is off (BARISTA_METRICS_COLLECT=off); pushed metrics are still stored" },
  };
  return { status: Object.values(checks).every((c) => c.ok) ? "ok" : "degraded", checks };
}
