import { isCloudError } from "@/lib/core/errors";
import type { Clock } from "@/lib/core/clock";
import type { CloudDriver, ConnectionConfig } from "@/lib/drivers/types";
import type { ConnectionRepository, NewConnection } from "@/lib/store/connections";
import type { ConnectionCreate, ConnectionView, VerifyAnswer } from "@/lib/validation/connections";

export interface ConnectionDeps {
  repo: ConnectionRepository;
  driverFor(connection: ConnectionConfig): CloudDriver;
  clock: Clock;
}

export function listConnections(deps: ConnectionDeps): Promise<ConnectionView[]> {
  return deps.repo.list();
}

export function getConnection(deps: ConnectionDeps, name: string): Promise<ConnectionView> {
  return deps.repo.get(name);
}

export function addConnection(deps: ConnectionDeps, input: ConnectionCreate): Promise<ConnectionView> {
  const regionKey = `${input.provider}-${input.region}`;
  const c: NewConnection = { ...input, name: input.name ?? regionKey, regionKey };
  return deps.repo.create(c);
}

export function removeConnection(deps: ConnectionDeps, name: string): Promise<void> {
  return deps.repo.remove(name);
}

/** Calls the driver with one cheap read and records what it answered, success or failure. */
export async function verifyConnection(deps: ConnectionDeps, name: string): Promise<VerifyAnswer> {
  const conn = await deps.repo.get(name);
  const started = deps.clock.now();
  let answer: Omit<VerifyAnswer, "durationMs" | "checkedAt" | "connection">;
  try {
    const r = await deps.driverFor(conn).verify();
    answer = { ok: r.regionFound, message: r.message, code: r.regionFound ? null : "NotFound", regionFound: r.regionFound, specCount: r.specCount, imageCount: r.imageCount };
  } catch (e) {
    if (!isCloudError(e)) throw e;
    answer = { ok: false, message: e.message, code: e.code, regionFound: false, specCount: 0, imageCount: 0 };
  }
  const checkedAt = new Date(deps.clock.now());
  await deps.repo.recordVerify(name, answer.ok, answer.message, checkedAt);
  return { ...answer, connection: name, durationMs: deps.clock.now() - started, checkedAt: checkedAt.toISOString() };
}

/** One connection per region of the simulator, as a fresh install offers them. */
export function builtinConnections(regions: { key: string; provider: string; region: string }[]): NewConnection[] {
  return regions.map((r) => ({ name: r.key, provider: r.provider, region: r.region, regionKey: r.key, driver: "sim", credential: "default" }));
}
