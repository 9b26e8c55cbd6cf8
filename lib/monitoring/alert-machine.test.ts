import { describe, expect, it } from "vitest";
import { advance, compare, type AlertPosition } from "./alert-machine";

const rule = { op: ">" as const, threshold: 80, forMs: 30_000 };
const ok: AlertPosition = { phase: "ok", since: 0 };

describe("the alert state machine", () => {
  it("compares with every operator", () => {
    expect(compare(81, ">", 80)).toBe(true);
    expect(compare(80, ">", 80)).toBe(false);
    expect(compare(80, ">=", 80)).toBe(true);
    expect(compare(79, "<", 80)).toBe(true);
    expect(compare(80, "<=", 80)).toBe(true);
    expect(compare(81, "<=", 80)).toBe(false);
  });

  it("goes pending, fires after forSeconds of holding, then resolves", () => {
    let s = advance(ok, { ...rule, value: 90, now: 10_000 });
    expect(s).toEqual({ next: { phase: "pending", since: 10_000 }, event: null });
    s = advance(s.next, { ...rule, value: 95, now: 20_000 });
    expect(s).toEqual({ next: { phase: "pending", since: 10_000 }, event: null });
    s = advance(s.next, { ...rule, value: 85, now: 40_000 });
    expect(s).toEqual({ next: { phase: "firing", since: 40_000 }, event: "firing" });
    s = advance(s.next, { ...rule, value: 99, now: 50_000 });
    expect(s).toEqual({ next: { phase: "firing", since: 40_000 }, event: null });
    s = advance(s.next, { ...rule, value: 12, now: 60_000 });
    expect(s).toEqual({ next: { phase: "ok", since: 60_000 }, event: "resolved" });
  });

  it("drops back from pending without an event when the condition stops holding", () => {
    const pending = advance(ok, { ...rule, value: 90, now: 0 }).next;
    expect(advance(pending, { ...rule, value: 50, now: 10_000 })).toEqual({ next: { phase: "ok", since: 10_000 }, event: null });
  });

  it("fires at once when forSeconds is 0", () => {
    expect(advance(ok, { ...rule, forMs: 0, value: 81, now: 5 })).toEqual({ next: { phase: "firing", since: 5 }, event: "firing" });
  });

  it("treats no data as not holding: a firing VM that goes quiet resolves", () => {
    const firing: AlertPosition = { phase: "firing", since: 0 };
    expect(advance(firing, { ...rule, value: null, now: 10 })).toEqual({ next: { phase: "ok", since: 10 }, event: "resolved" });
    expect(advance(ok, { ...rule, value: null, now: 10 })).toEqual({ next: ok, event: null });
  });
});
