import { describe, expect, it } from "vitest";
import { elapsedSeconds, formatClock, initialTour, stepToWork, tourReducer, type TourEvent, type TourState } from "./tour-machine";

const run = (s: TourState, ...events: TourEvent[]) => events.reduce(tourReducer, s);
const done = (step: number, at: number, ok = true, fatal = false): TourEvent => ({ type: "work-done", step, ok, fatal, detail: ok ? `step ${step} ok` : `step ${step} failed`, at, dwellMs: 1000 });
const states = (s: TourState) => s.steps.map((x) => x.state);

describe("the tour machine", () => {
  it("starts the first step's work on start, and nothing before", () => {
    const idle = initialTour(3);
    expect(stepToWork(idle)).toBeNull();
    const s = run(idle, { type: "start", at: 0 });
    expect([s.phase, s.current, states(s)]).toEqual(["playing", 0, ["working", "pending", "pending"]]);
    expect(stepToWork(s)).toBe(0);
  });

  it("moves on, playing, only when the work is over and the dwell has passed", () => {
    let s = run(initialTour(2), { type: "start", at: 0 }, { type: "tick", at: 5000 });
    expect(s.current).toBe(0);
    s = run(s, done(0, 6000), { type: "tick", at: 6500 });
    expect([s.current, states(s)]).toEqual([0, ["ready", "pending"]]);
    s = run(s, { type: "tick", at: 7000 });
    expect([s.current, states(s), stepToWork(s)]).toEqual([1, ["done", "working"], 1]);
    s = run(s, done(1, 8000), { type: "tick", at: 9000 });
    expect([s.phase, s.finishedAt, states(s)]).toEqual(["finished", 9000, ["done", "done"]]);
    expect(stepToWork(s)).toBeNull();
  });

  it("does not move while paused, and → skips a dwell but never runs ahead of work", () => {
    let s = run(initialTour(3), { type: "start", at: 0 }, { type: "next", at: 1 });
    expect(s.current).toBe(0);
    s = run(s, { type: "pause" }, done(0, 100), { type: "tick", at: 5000 });
    expect([s.phase, s.current]).toEqual(["paused", 0]);
    s = run(s, { type: "next", at: 5001 });
    expect([s.current, states(s)]).toEqual([1, ["done", "working", "pending"]]);
    s = run(s, { type: "resume", at: 5002 });
    expect(s.phase).toBe("playing");
  });

  it("← looks back without re-running anything, → returns, and playing waits while looking back", () => {
    let s = run(initialTour(3), { type: "start", at: 0 }, done(0, 0), { type: "tick", at: 2000 }, { type: "back" });
    expect([s.current, s.reached]).toEqual([0, 1]);
    s = run(s, done(1, 2100), { type: "tick", at: 9000 });
    expect([s.current, s.reached, states(s)]).toEqual([0, 1, ["done", "ready", "pending"]]);
    s = run(s, { type: "back" }, { type: "next", at: 9001 });
    expect([s.current, s.reached]).toEqual([1, 1]);
    s = run(s, { type: "tick", at: 9002 });
    expect([s.current, states(s)]).toEqual([2, ["done", "done", "working"]]);
  });

  it("goes on past a step that failed, but stops on a fatal failure", () => {
    let s = run(initialTour(3), { type: "start", at: 0 }, done(0, 0, false), { type: "tick", at: 2000 });
    expect([s.current, states(s)]).toEqual([1, ["failed", "working", "pending"]]);
    s = run(s, done(1, 2500, false, true), { type: "tick", at: 9000 }, { type: "next", at: 9001 });
    expect([s.phase, s.current, states(s)]).toEqual(["stopped", 1, ["failed", "failed", "pending"]]);
    expect(stepToWork(s)).toBeNull();
  });

  it("keeps progress words only while a step works, and ignores a late answer of a step that already ended", () => {
    let s = run(initialTour(2), { type: "start", at: 0 }, { type: "progress", step: 0, detail: "2 of 4 running" });
    expect(s.steps[0].detail).toBe("2 of 4 running");
    s = run(s, done(0, 10), { type: "progress", step: 0, detail: "late" }, done(0, 20, false));
    expect([s.steps[0].state, s.steps[0].detail, s.steps[0].endedAt]).toEqual(["ready", "step 0 ok", 10]);
  });

  it("counts the clock from the start to the finish", () => {
    const s = run(initialTour(1), { type: "start", at: 1000 });
    expect(elapsedSeconds(initialTour(1), 5000)).toBe(0);
    expect(elapsedSeconds(s, 62_500)).toBe(61);
    const f = run(s, done(0, 3000), { type: "tick", at: 4000 });
    expect(elapsedSeconds(f, 99_000)).toBe(3);
    expect(formatClock(61)).toBe("1:01");
    expect(formatClock(179)).toBe("2:59");
  });
});
