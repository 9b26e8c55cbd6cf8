import { describe, expect, it } from "vitest";
import { deploymentSpan, formatElapsed, liveDeployment, type ClockMci } from "./deployment-clock";

const T0 = "2025-01-01T10:00:00.000Z";
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

function mci(busy: boolean, vms: ClockMci["vms"], createdAt = T0): ClockMci {
  return { createdAt, state: { busy }, vms };
}

describe("deploymentSpan", () => {
  it("runs while a VM is still creating", () => {
    const span = deploymentSpan(
      mci(true, [
        { createdAt: T0, status: "Running", history: [{ status: "Creating", at: at(0) }, { status: "Running", at: at(40) }] },
        { createdAt: T0, status: "Creating", history: [{ status: "Creating", at: at(0) }] },
      ]),
    );
    expect(span).toEqual({ startedAt: Date.parse(T0), endedAt: null });
  });

  it("ends when the last VM first left Creating, whatever happened after", () => {
    const span = deploymentSpan(
      mci(false, [
        { createdAt: T0, status: "Suspended", history: [{ status: "Creating", at: at(0) }, { status: "Running", at: at(40) }, { status: "Suspended", at: at(900) }] },
        { createdAt: T0, status: "Failed", history: [{ status: "Creating", at: at(0) }, { status: "Failed", at: at(75) }] },
      ]),
    );
    expect(span.endedAt! - span.startedAt).toBe(75_000);
  });

  it("an empty, settled MCI has a zero-length deployment", () => {
    const span = deploymentSpan(mci(false, []));
    expect(span.endedAt).toBe(span.startedAt);
  });
});

describe("liveDeployment", () => {
  it("picks the most recently started deployment that still runs", () => {
    const creating = { createdAt: T0, status: "Creating" as const, history: [{ status: "Creating" as const, at: at(0) }] };
    const older = { ...mci(true, [creating], at(0)), name: "older" };
    const newer = { ...mci(true, [creating], at(60)), name: "newer" };
    const done = { ...mci(false, [], at(120)), name: "done" };
    expect(liveDeployment([older, newer, done])?.mci.name).toBe("newer");
    expect(liveDeployment([done])).toBeNull();
  });
});

describe("formatElapsed", () => {
  it("shows minutes and seconds, and hours once there are some", () => {
    expect(formatElapsed(0)).toBe("0:00");
    expect(formatElapsed(42_900)).toBe("0:42");
    expect(formatElapsed(12 * 60_000 + 5_000)).toBe("12:05");
    expect(formatElapsed(3_723_000)).toBe("1:02:03");
    expect(formatElapsed(-5)).toBe("0:00");
  });
});
