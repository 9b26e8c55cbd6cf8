import { describe, expect, it } from "vitest";
import { aggregateStatus, countStatuses, deletingText, statusText } from "./mci-status";
import { checkTransition, vmIsBusy, wishUnmet, type VmWish } from "./lifecycle";
import { backoffMs } from "./backoff";
import { VM_STATUSES, type VmStatus } from "./types";

const at = (statuses: VmStatus[], desired = "Running"): VmWish[] => statuses.map((status) => ({ status, desired }));

describe("MCI status aggregation", () => {
  it("is the shared status when every VM agrees", () => {
    expect(aggregateStatus(at(["Running", "Running"])).status).toBe("Running");
    expect(aggregateStatus(at(["Suspended"], "Suspended")).status).toBe("Suspended");
  });

  it("is Partial-<most common> with counts otherwise", () => {
    const a = aggregateStatus(at(["Running", "Running", "Running", "Creating", "Failed"]));
    expect(a.status).toBe("Partial-Running (3/5)");
    expect(a.statusCount).toMatchObject({ total: 5, running: 3, creating: 1, failed: 1, suspended: 0, terminated: 0 });
    expect(aggregateStatus(at(["Creating", "Creating", "Running"])).status).toBe("Partial-Creating (2/3)");
  });

  it("breaks ties by the order of VM_STATUSES, whatever the order of the VMs", () => {
    expect(aggregateStatus(at(["Failed", "Running"])).status).toBe("Partial-Running (1/2)");
    expect(aggregateStatus(at(["Running", "Failed"])).status).toBe("Partial-Running (1/2)");
  });

  it("always carries a count for every status", () => {
    const { statusCount, status } = aggregateStatus([]);
    expect(status).toBe("Empty");
    for (const s of VM_STATUSES) expect(statusCount[s.toLowerCase() as Lowercase<VmStatus>]).toBe(0);
  });
});

describe("MCI state", () => {
  it("gives the parts of the status as structure", () => {
    expect(aggregateStatus(at(["Running", "Running"])).state).toEqual({ phase: "Uniform", leading: "Running", count: 2, total: 2, busy: false });
    expect(aggregateStatus(at(["Running", "Creating", "Creating"])).state).toEqual({ phase: "Partial", leading: "Creating", count: 2, total: 3, busy: true });
    expect(aggregateStatus([]).state).toEqual({ phase: "Empty", leading: null, count: 0, total: 0, busy: false });
  });

  it("says Deleting with the VMs terminated so far, the same words the progress bar uses", () => {
    const deleting = aggregateStatus(at(["Terminated", "Terminating", "Terminated", "Running", "Failed"], "Terminated"), true);
    expect(deleting.state).toEqual({ phase: "Deleting", leading: "Terminated", count: 2, total: 5, busy: true });
    expect(deleting.status).toBe("Deleting (2/5 terminated)");
    expect(deletingText(2, 5)).toBe(deleting.status);
    expect(aggregateStatus([], true).status).toBe("Deleting (0/0 terminated)");
  });

  it("is busy while any VM has work left, and the display string is always the state's", () => {
    expect(aggregateStatus(at(["Running", "Suspended"])).state.busy).toBe(true);
    expect(aggregateStatus([{ status: "Running", desired: "Running", rebootPending: true }]).state.busy).toBe(true);
    expect(aggregateStatus(at(["Running", "Failed"])).state.busy).toBe(false);
    const samples: VmWish[][] = [[], at(["Running"]), at(["Failed", "Creating", "Failed"]), at(["Terminated"], "Terminated")];
    for (const vms of samples) for (const deleting of [false, true]) {
      const a = aggregateStatus(vms, deleting);
      expect(a.status).toBe(statusText(a.state));
    }
  });

  it("counts what it is given, with a key for every status", () => {
    expect(countStatuses(["Running", "Failed", "Running"])).toMatchObject({ total: 3, running: 2, failed: 1, creating: 0 });
  });
});

describe("the busy rule the reconciler and the console share", () => {
  it("has a step to make only for a wish the cloud has not met", () => {
    expect(wishUnmet({ status: "Running", desired: "Running" })).toBe(false);
    expect(wishUnmet({ status: "Running", desired: "Running", rebootPending: true })).toBe(true);
    expect(wishUnmet({ status: "Suspended", desired: "Running" })).toBe(true);
    expect(wishUnmet({ status: "Running", desired: "Suspended" })).toBe(true);
    expect(wishUnmet({ status: "Failed", desired: "Running" })).toBe(false);
    expect(wishUnmet({ status: "Failed", desired: "Terminated" })).toBe(true);
    expect(wishUnmet({ status: "Undefined", desired: "Running" })).toBe(false);
    expect(wishUnmet({ status: "Terminated", desired: "Removed" })).toBe(false);
  });

  it("calls a VM busy while it moves, has a step to make, or waits for its row to go", () => {
    expect(vmIsBusy({ status: "Creating", desired: "Running" })).toBe(true);
    expect(vmIsBusy({ status: "Terminating", desired: "Terminated" })).toBe(true);
    expect(vmIsBusy({ status: "Failed", desired: "Terminated" })).toBe(true);
    expect(vmIsBusy({ status: "Terminated", desired: "Removed" })).toBe(true);
    expect(vmIsBusy({ status: "Running", desired: "Running" })).toBe(false);
    expect(vmIsBusy({ status: "Failed", desired: "Running" })).toBe(false);
    expect(vmIsBusy({ status: "Undefined", desired: "Running" })).toBe(false);
    expect(vmIsBusy({ status: "Terminated", desired: "Terminated" })).toBe(false);
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
