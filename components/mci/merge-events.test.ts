import { describe, expect, it } from "vitest";
import { mergeEvents } from "./merge-events";
import type { MciEvent } from "./use-mci";

const event = (id: number): MciEvent => ({ id, at: new Date(id * 1000).toISOString(), level: "info", message: `e${id}`, vmId: null });

describe("merging streamed events into the event log", () => {
  it("puts new events first, keeps each id once and no more than the endpoint answers", () => {
    const log = Array.from({ length: 200 }, (_, i) => event(200 - i));
    const merged = mergeEvents(log, [event(200), event(201), event(202)]);
    expect(merged.map((e) => e.id).slice(0, 4)).toEqual([202, 201, 200, 199]);
    expect(merged).toHaveLength(200);
    expect(merged.at(-1)?.id).toBe(3);
  });
});
