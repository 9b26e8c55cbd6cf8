import { InvalidArgumentError, isCloudError } from "@/lib/core/errors";
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

/** The simulator signs in with no secret: its `default` credential needs nothing in the vault. */
export const SIM_DEFAULT_CREDENTIAL = "default";

/** Adds a connection; its credential must be in the vault (but the simulator's `default`), for the same provider. */
export function addConnection(deps: ConnectionDeps, input: ConnectionCreate): Promise<ConnectionView> {
  const regionKey = `${input.provider}-${input.region}`;
  const c: NewConnection = { ...input, name: input.name ?? regionKey, regionKey };
  if (c.driver === "sim" && c.credential === SIM_DEFAULT_CREDENTIAL) return deps.repo.create(c);
  return deps.repo.create(c, (found) => {
    if (!found) throw new InvalidArgumentError(`credential "${c.credential}" is not in the vault; add it with POST /api/v1/credentials`, "credential");
    if (found.provider !== c.provider) {
      throw new InvalidArgumentError(`credential "${c.credential}" is for ${found.provider}, not ${c.provider}; name a ${c.provider} credential or add one with POST /api/v1/credentials`, "credential");
    }
  });
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
    // A driver over registered hosts reports each one: the connection is fine only when all answered.
    const hostsOk = r.hosts?.every((h) => h.ok) ?? true;
    const ok = r.regionFound && hostsOk;
    answer = { ok, message: r.message, code: !r.regionFound ? "NotFound" : hostsOk ? null : "Unavailable", regionFound: r.regionFound, specCount: r.specCount, imageCount: r.imageCount, ...(r.hosts ? { hosts: r.hosts } : {}) };
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
  return regions.map((r) => ({ name: r.key, provider: r.provider, region: r.region, regionKey: r.key, driver: "sim", credential: SIM_DEFAULT_CREDENTIAL }));
}
