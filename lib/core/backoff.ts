/** Capped exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 30_000 };

/**
 * The delay before retry number `attempt` (1 for the first retry). `random` is injected so tests
 * and the simulator stay deterministic. A provider's own Retry-After is never undercut.
 */
export function backoffMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs = 0): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half jitter: never retry instantly, and spread a crowd of retries apart.
  const delay = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(Math.round(delay), retryAfterMs);
}
