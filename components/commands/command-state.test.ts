import { describe, expect, it } from "vitest";
import { applyEvents, BROWSER_OUTPUT_CAP, countByStatus, lastLine, liveCommand } from "./command-state";
import type { CommandView, CommandVmView } from "./command-types";

function vm(vmId: string, over: Partial<CommandVmView> = {}): CommandVmView {
  return { vmId, vmName: `vm-${vmId}`, message: null, status: "pending", exitCode: null, stdout: "", stderr: "", truncated: false, startedAt: null, endedAt: null, ...over };
}

const view: CommandView = {
  id: "cmd-1",
  mciId: "m1",
  namespace: "default",
  command: "hostname",
  subGroup: null,
  vmIds: null,
  timeoutSeconds: 300,
  concurrency: 100,
  status: "running",
  createdAt: "2026-12-04T10:00:00.000Z",
  createdBy: "ada@example.com",
  endedAt: null,
  counts: { pending: 1, running: 1, succeeded: 0, failed: 0, timedOut: 0, cancelled: 0, unreachable: 0, interrupted: 0 },
  vms: [vm("a", { status: "running", stdout: "\u001b[32mhello\u001b[0m\n" }), vm("b")],
};

describe("liveCommand and applyEvents", () => {
  it("starts from a snapshot with escapes stripped and stdout before stderr", () => {
    const s = liveCommand({ ...view, vms: [vm("a", { stdout: "out\n", stderr: "err\n" })] });
    expect(s.vms[0].chunks).toEqual([
      { stream: "stdout", text: "out\n" },
      { stream: "stderr", text: "err\n" },
    ]);
    expect(liveCommand(view).vms[0].chunks).toEqual([{ stream: "stdout", text: "hello\n" }]);
  });

  it("appends output in arrival order, merging runs of one stream", () => {
    const s = applyEvents(liveCommand(view), [
      { type: "output", output: { vmId: "b", stream: "stdout", data: "one " } },
      { type: "output", output: { vmId: "b", stream: "stdout", data: "two\n" } },
      { type: "output", output: { vmId: "b", stream: "stderr", data: "oops\n" } },
      { type: "output", output: { vmId: "b", stream: "stdout", data: "three\n" } },
    ])!;
    expect(s.vms[1].chunks).toEqual([
      { stream: "stdout", text: "one two\n" },
      { stream: "stderr", text: "oops\n" },
      { stream: "stdout", text: "three\n" },
    ]);
    expect(s.vms[1].size).toBe("one two\noops\nthree\n".length);
  });

  it("keeps the objects of VMs no event touched", () => {
    const before = liveCommand(view);
    const after = applyEvents(before, [{ type: "vm", vm: { vmId: "b", status: "failed", exitCode: 3 } }])!;
    expect(after.vms[0]).toBe(before.vms[0]);
    expect(after.vms[1]).toMatchObject({ status: "failed", exitCode: 3 });
    expect(before.vms[1].status).toBe("pending");
  });

  it("ignores VMs the command does not name and events before a snapshot", () => {
    expect(applyEvents(null, [{ type: "vm", vm: { vmId: "a", status: "running" } }])).toBeNull();
    const before = liveCommand(view);
    expect(applyEvents(before, [{ type: "output", output: { vmId: "zz", stream: "stdout", data: "x" } }])).toBe(before);
  });

  it("ends with the stream's final status and keeps VM changes made in the same batch", () => {
    const s = applyEvents(liveCommand(view), [
      { type: "vm", vm: { vmId: "a", status: "cancelled", exitCode: null } },
      { type: "end", end: { status: "cancelled" } },
    ])!;
    expect(s.status).toBe("cancelled");
    expect(s.vms[0].status).toBe("cancelled");
  });

  it("a new snapshot replaces what was there (a reconnect)", () => {
    const s = applyEvents(liveCommand(view), [
      { type: "output", output: { vmId: "b", stream: "stdout", data: "partial" } },
      { type: "snapshot", command: { ...view, vms: [vm("a"), vm("b", { status: "succeeded", exitCode: 0, stdout: "whole\n" })] } },
    ])!;
    expect(s.vms[1].chunks).toEqual([{ stream: "stdout", text: "whole\n" }]);
    expect(s.vms[1].status).toBe("succeeded");
  });

  it("bounds what the browser keeps of one VM and says so", () => {
    const big = "x".repeat(BROWSER_OUTPUT_CAP - 10);
    const s = applyEvents(liveCommand(view), [
      { type: "output", output: { vmId: "b", stream: "stdout", data: big } },
      { type: "output", output: { vmId: "b", stream: "stderr", data: "y".repeat(100) } },
      { type: "output", output: { vmId: "b", stream: "stderr", data: "more" } },
    ])!;
    expect(s.vms[1].size).toBe(BROWSER_OUTPUT_CAP);
    expect(s.vms[1].truncated).toBe(true);
    expect(s.vms[1].chunks[1].text).toBe("y".repeat(10));
  });
});

describe("countByStatus", () => {
  it("counts every status", () => {
    const c = countByStatus([{ status: "failed" }, { status: "succeeded" }, { status: "succeeded" }, { status: "unreachable" }]);
    expect(c).toMatchObject({ total: 4, succeeded: 2, failed: 1, unreachable: 1, running: 0 });
  });
});

describe("lastLine", () => {
  it("finds the last line with text, from whichever stream", () => {
    expect(lastLine([{ stream: "stdout", text: "a\nb\n" }, { stream: "stderr", text: "warn\n\n" }])).toEqual({ stream: "stderr", text: "warn" });
    expect(lastLine([{ stream: "stdout", text: "a\nb\n" }, { stream: "stderr", text: "\n" }])).toEqual({ stream: "stdout", text: "b" });
    expect(lastLine([])).toBeNull();
  });
});
