/**
 * The tour's state machine, pure: which step shows, which step's work runs, and when the tour moves
 * on. A step first works (its API calls), then stays on screen for its dwell so the audience can
 * read it; playing, the tour moves on when both are over. The keys skip a dwell or look back, but
 * never run ahead of work still in progress: each step builds on the one before.
 */

export type StepState = "pending" | "working" | "ready" | "done" | "failed";
export type TourPhase = "idle" | "playing" | "paused" | "finished" | "stopped";

export interface StepStatus {
  state: StepState;
  /** What the step's work found, in words (e.g. "4 of 4 VMs running"). */
  detail: string | null;
  startedAt: number | null;
  endedAt: number | null;
}

export interface TourState {
  phase: TourPhase;
  /** The step on screen. */
  current: number;
  /** The furthest step started; current < reached while looking back. */
  reached: number;
  steps: StepStatus[];
  /** When the step on screen may give way (its work is over and it was shown long enough). */
  dwellEndsAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
}

export type TourEvent =
  | { type: "start"; at: number }
  | { type: "pause" }
  | { type: "resume"; at: number }
  | { type: "next"; at: number }
  | { type: "back" }
  | { type: "progress"; step: number; detail: string }
  /** A step's work ended: ok, failed but the tour can go on (fatal false), or failed for good. */
  | { type: "work-done"; step: number; ok: boolean; fatal?: boolean; detail: string; at: number; dwellMs: number }
  | { type: "tick"; at: number };

export function initialTour(stepCount: number): TourState {
  if (stepCount < 1) throw new RangeError("a tour has at least one step");
  return {
    phase: "idle",
    current: 0,
    reached: 0,
    steps: Array.from({ length: stepCount }, () => ({ state: "pending", detail: null, startedAt: null, endedAt: null })),
    dwellEndsAt: null,
    startedAt: null,
    finishedAt: null,
  };
}

function patchStep(s: TourState, i: number, patch: Partial<StepStatus>): StepStatus[] {
  return s.steps.map((step, j) => (j === i ? { ...step, ...patch } : step));
}

function settled(step: StepStatus): boolean {
  return step.state === "ready" || step.state === "failed";
}

/** The step at `reached` is over: leave it and start the next one's work, or finish the tour. */
function advance(s: TourState, at: number): TourState {
  const i = s.reached;
  const left = s.steps[i].state === "ready" ? patchStep(s, i, { state: "done" }) : s.steps;
  if (i === s.steps.length - 1) return { ...s, steps: left, phase: "finished", finishedAt: at, dwellEndsAt: null };
  const steps = left.map((step, j) => (j === i + 1 ? { ...step, state: "working" as const, startedAt: at } : step));
  return { ...s, steps, current: i + 1, reached: i + 1, dwellEndsAt: null };
}

export function tourReducer(s: TourState, e: TourEvent): TourState {
  const over = s.phase === "finished" || s.phase === "stopped";
  switch (e.type) {
    case "start":
      if (s.phase !== "idle") return s;
      return { ...s, phase: "playing", startedAt: e.at, steps: patchStep(s, 0, { state: "working", startedAt: e.at }) };
    case "pause":
      return s.phase === "playing" ? { ...s, phase: "paused" } : s;
    case "resume":
      if (s.phase === "idle") return tourReducer(s, { type: "start", at: e.at });
      return s.phase === "paused" ? { ...s, phase: "playing" } : s;
    case "back":
      return s.phase === "idle" ? s : { ...s, current: Math.max(0, s.current - 1) };
    case "next":
      if (s.phase === "idle") return tourReducer(s, { type: "start", at: e.at });
      if (s.current < s.reached) return { ...s, current: s.current + 1 };
      if (over || !settled(s.steps[s.current])) return s;
      return advance(s, e.at);
    case "progress":
      if (s.steps[e.step]?.state !== "working") return s;
      return { ...s, steps: patchStep(s, e.step, { detail: e.detail }) };
    case "work-done": {
      if (s.steps[e.step]?.state !== "working") return s;
      const steps = patchStep(s, e.step, { state: e.ok ? "ready" : "failed", detail: e.detail, endedAt: e.at });
      if (!e.ok && e.fatal) return { ...s, steps, phase: "stopped", dwellEndsAt: null, finishedAt: e.at };
      return { ...s, steps, dwellEndsAt: e.at + e.dwellMs };
    }
    case "tick":
      if (s.phase !== "playing" || s.current !== s.reached || !settled(s.steps[s.current])) return s;
      if (s.dwellEndsAt !== null && e.at < s.dwellEndsAt) return s;
      return advance(s, e.at);
  }
}

/** The step whose work should be running, if it is not yet: the host launches it once. */
export function stepToWork(s: TourState): number | null {
  if (s.phase === "idle" || s.phase === "stopped") return null;
  const i = s.reached;
  return s.steps[i]?.state === "working" ? i : null;
}

/** Whole seconds since the tour started, for the clock on the stage. */
export function elapsedSeconds(s: TourState, now: number): number {
  if (s.startedAt === null) return 0;
  return Math.max(0, Math.floor(((s.finishedAt ?? now) - s.startedAt) / 1000));
}

export function formatClock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const sec = seconds % 60;
  return `${m}:${String(sec).padStart(2, "0")}`;
}
