import { describe, expect, it } from "vitest";
import { aggregateStatus } from "./mci-status";
import { checkTransition } from "./lifecycle";
import { backoffMs } from "./backoff";
import { VM_STATUSES, type VmStatus } from "./types";

describe("MCI status aggregation", () => {
  it("is the shared status when every VM agrees", () => {
    expect(aggregateStatus(["Running", "Running"]).status).toBe("Running");
    expect(aggregateStatus(["Suspended"]).status).toBe("Suspended");
  });

  it("is Partial-<most common> with counts otherwise", () => {
    const a = aggregateStatus(["Running", "Running", "Running", "Creating", "Failed"]);
    expect(a.status).toBe("Partial-Running (3/5)");
    expect(a.statusCount).toMatchObject({ total: 5, running: 3, creating: 1, failed: 1, suspended: 0, terminated: 0 });
    expect(aggregateStatus(["Creating", "Creating", "Running"]).status).toBe("Partial-Creating (2/3)");
  });

  it("breaks ties by the order of VM_STATUSES, whatever the order of the VMs", () => {
    expect(aggregateStatus(["Failed", "Running"]).status).toBe("Partial-Running (1/2)");
    expect(aggregateStatus(["Running", "Failed"]).status).toBe("Partial-Running (1/2)");
  });

  it("always carries a count for every status", () => {
    const { statusCount, status } = aggregateStatus([]);
    expect(status).toBe("Empty");
    for (const s of VM_STATUSES) expect(statusCount[s.toLowerCase() as Lowercase<VmStatus>]).toBe(0);
  });
});

describe("VM transitions", () => {
  it("allows only what a cloud allows", () => {
    expect(checkTransition("Running", "suspend").ok).toBe(true);
    expect(checkTransition("Suspended", "resume").ok).toBe(true);
    expect(checkTransition("Running", "reboot").ok).toBe(true);
    expect(checkTransition("Failed", "terminate").ok).toBe(true);
  });

  it("refuses with a reason that says what would be allowed", () => {
    const resume = checkTransition("Running", "resume");
    expect(resume).toEqual({ ok: false, reason: expect.stringMatching(/cannot resume a VM that is Running.*Suspended/) });
    const reboot = checkTransition("Suspended", "reboot");
    expect(reboot.ok).toBe(false);
    expect(checkTransition("Creating", "suspend").ok).toBe(false);
  });
});

describe("backoff", () => {
  it("grows exponentially up to the cap, with jitter inside [ceiling/2, ceiling]", () => {
    const policy = { baseMs: 100, capMs: 1_000 };
    expect(backoffMs(1, () => 0, policy)).toBe(50);
    expect(backoffMs(1, () => 1, policy)).toBe(100);
    expect(backoffMs(3, () => 1, policy)).toBe(400);
    expect(backoffMs(10, () => 1, policy)).toBe(1_000);
    expect(backoffMs(10, () => 0, policy)).toBe(500);
  });

  it("never undercuts the provider's Retry-After", () => {
    expect(backoffMs(1, () => 0, { baseMs: 100, capMs: 1_000 }, 5_000)).toBe(5_000);
  });
});
