/**
 * What a background loop says about itself, for the health check: two fields it keeps anyway,
 * so reading them costs nothing and never waits on the loop.
 */
export interface Liveness {
  /** Started and not stopped. */
  running: boolean;
  /** Wall-clock ms when the loop last finished a turn, or null before its first. */
  lastTurnAt: number | null;
}
