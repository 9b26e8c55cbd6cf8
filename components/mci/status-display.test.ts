import { describe, expect, it } from "vitest";
import { countStatuses } from "@/lib/core/mci-status";
import type { VmStatus } from "@/lib/core/types";
import { badgeStatus, progressText, statusSegments } from "./status-display";

describe("progressText", () => {
  it("leads with running and adds only the statuses there are", () => {
    const count = countStatuses([...Array<VmStatus>(37).fill("Running"), ...Array<VmStatus>(60).fill("Creating"), ...Array<VmStatus>(3).fill("Failed")]);
    expect(progressText(count)).toBe("37/100 running · 60 creating · 3 failed");
    expect(progressText(countStatuses([]))).toBe("0/0 running");
    expect(progressText(countStatuses([...Array<VmStatus>(1999).fill("Running"), "Failed"]))).toBe("1,999/2,000 running · 1 failed");
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

describe("badgeStatus", () => {
  it("colours an MCI by its leading status, and a deleting one as terminating", () => {
    expect(badgeStatus({ phase: "Partial", leading: "Creating" })).toBe("Creating");
    expect(badgeStatus({ phase: "Uniform", leading: "Running" })).toBe("Running");
    expect(badgeStatus({ phase: "Deleting", leading: "Terminated" })).toBe("Terminating");
    expect(badgeStatus({ phase: "Empty", leading: null })).toBeNull();
  });
});
