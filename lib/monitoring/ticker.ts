import type { Liveness } from "@/lib/core/liveness";

/**
 * Runs a job every `intervalMs` of real time, never two at once; a failed run is reported and
 * the next one still comes. The job reads time from the injected clock, so tests call it
 * directly instead of waiting for the timer.
 */
export class Ticker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private lastTurnAt: number | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly job: () => Promise<unknown>,
    private readonly onError: (e: unknown) => void,
  ) {}

  start(firstDelayMs = this.intervalMs): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), delay);
    // Background work must not keep a process (a test, a script) alive.
    this.timer.unref();
  }

  private async run(): Promise<void> {
    const started = Date.now();
    this.running = this.job().then(
      () => undefined,
      (e: unknown) => this.onError(e),
    );
    await this.running;
    this.running = null;
    this.lastTurnAt = Date.now();
    this.schedule(Math.max(0, this.intervalMs - (Date.now() - started)));
  }

  liveness(): Liveness {
    return { running: !this.stopped, lastTurnAt: this.lastTurnAt };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
