import type { MciEvent } from "./use-mci";

/** As many events as GET …/events answers: the log shows no more. */
const EVENT_LOG_SIZE = 200;

/**
 * A log (newest first) with new events merged in: each id once (a stream and a poll may both
 * bring one), newest first, no more than the endpoint answers.
 */
export function mergeEvents(log: readonly MciEvent[], incoming: readonly MciEvent[]): MciEvent[] {
  const byId = new Map(log.map((e) => [e.id, e]));
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, EVENT_LOG_SIZE);
}
