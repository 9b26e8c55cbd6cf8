import { describe, expect, it } from "vitest";
import type { VmStatus } from "@/lib/core/types";
import { countStatuses, isBusy, leadingStatus, progressText, statusSegments } from "./status-display";

const vms = (list: [VmStatus, string][]) => list.map(([status, desired]) => ({ status, desired }));

describe("progressText", () => {
  it("leads with running and adds only the statuses there are", () => {
    const count = countStatuses([...Array<VmStatus>(37).fill("Running"), ...Array<VmStatus>(60).fill("Creating"), ...Array<VmStatus>(3).fill("Failed")]);
    expect(progressText(count)).toBe("37/100 running · 60 creating · 3 failed");
    expect(progressText(countStatuses([]))).toBe("0/0 running");
  });

  it("orders the bar's segments the same way, with their colours", () => {
    const segments = statusSegments(countStatuses(["Failed", "Running", "Suspended", "Running"]));
    expect(segments.map((s) => [s.status, s.count])).toEqual([
      ["Running", 2],
      ["Suspended", 1],
      ["Failed", 1],
    ]);
    expect(segments[0].colour).toMatch(/^#[0-9A-F]{6}$/i);
  });
});

describe("isBusy", () => {
  const settled = { deleting: false, statusCount: countStatuses(["Running", "Failed"]), vms: vms([["Running", "Running"], ["Failed", "Running"]]) };
  it("is false once every VM is where it was asked to be (a failed VM counts as settled)", () => {
    expect(isBusy(settled)).toBe(false);
  });
  it("is true while a VM changes, is asked to change, or the MCI is being deleted", () => {
    expect(isBusy({ ...settled, statusCount: countStatuses(["Creating"]), vms: vms([["Creating", "Running"]]) })).toBe(true);
    expect(isBusy({ ...settled, vms: vms([["Running", "Suspended"]]) })).toBe(true);
    expect(isBusy({ ...settled, deleting: true })).toBe(true);
  });
});

describe("leadingStatus", () => {
  it("reads the VM status an MCI status starts with", () => {
    expect(leadingStatus("Running")).toBe("Running");
    expect(leadingStatus("Partial-Creating (3/5)")).toBe("Creating");
    expect(leadingStatus("Deleting (2/5 terminated)")).toBe("Terminating");
    expect(leadingStatus("Empty")).toBeNull();
  });
});
