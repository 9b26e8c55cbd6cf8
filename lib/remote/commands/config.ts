import type { CommandLimits } from "./types";

/** BARISTA_COMMAND_SESSIONS caps the SSH sessions of all remote commands together (default 1000). */
export function commandLimitsFromEnv(env: Record<string, string | undefined> = process.env): Partial<CommandLimits> {
  const raw = env.BARISTA_COMMAND_SESSIONS;
  if (raw === undefined || raw === "") return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`BARISTA_COMMAND_SESSIONS must be a whole number from 1 to 100000, not "${raw}"`);
  return { sessions: n };
}
