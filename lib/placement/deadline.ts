import type { Clock } from "@/lib/core/clock";

/**
 * The time budget of one call. Every loop that can run long asks `expired()`; the integer
 * programs get `remainingMs()` as HiGHS's own time limit. Reaching it is recorded so the answer
 * can say the search was cut short rather than finished.
 */
export interface Deadline {
  expired(): boolean;
  remainingMs(): number;
  elapsedMs(): number;
  /** Marks that a search stopped early because of the budget. */
  hit(): void;
  readonly wasHit: boolean;
  /**
   * A share of what is left, for one step of a longer plan (a bound computed before the main
   * search, say). Running out of it counts as running out of the budget.
   */
  child(ms: number): Deadline;
}

export const monotonicClock: Clock = { now: () => performance.now() };

export function createDeadline(budgetMs: number, clock: Clock = monotonicClock, parent?: Deadline): Deadline {
  const start = clock.now();
  let wasHit = false;
  const self: Deadline = {
    expired: () => clock.now() - start >= budgetMs,
    remainingMs: () => Math.max(0, budgetMs - (clock.now() - start)),
    elapsedMs: () => clock.now() - start,
    hit() {
      wasHit = true;
      parent?.hit();
    },
    get wasHit() {
      return wasHit;
    },
    child: (ms) => createDeadline(Math.min(ms, self.remainingMs()), clock, self),
  };
  return self;
}
