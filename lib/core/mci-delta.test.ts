import { describe, expect, it } from "vitest";
import type { MciView, VmView } from "@/lib/validation/mci";
import { applyMciDelta, diffMciViews } from "./mci-delta";

function vm(name: string, status: VmView["status"] = "Creating", extra: Partial<VmView> = {}): VmView {
  return {
    id: `vm-${name}`, name, mciId: "m", subGroup: "web", connection: "aws-us-east-1", region: "aws-us-east-1", provider: "aws",
    latitude: 1, longitude: 2, status, desired: "Running", statusReason: null, publicIp: null, privateIp: null, zone: null, cloudId: null,
    specId: "t3.micro", specName: "t3.micro", vcpu: 2, memoryGiB: 1, pricePerHour: 0.01, imageId: "ubuntu", history: [], createdAt: "2026-01-01T00:00:00.000Z", ...extra,
  };
}

const STATE: MciView["state"] = { phase: "Uniform", leading: "Creating", count: 1, total: 1, busy: true };

function mci(vms: VmView[], extra: Partial<MciView> = {}): MciView {
  return {
    id: "m", namespace: "default", name: "web", description: "", policy: "continue", status: "Creating", state: STATE, targetAction: "Create", deleting: false,
    statusCount: { total: vms.length } as MciView["statusCount"], costPerHour: 0, subGroups: [], vms, createdAt: "2026-01-01T00:00:00.000Z", ...extra,
  };
}

describe("the MCI view delta", () => {
  it("is null when nothing changed, even for equal views made anew", () => {
    const a = mci([vm("web-1"), vm("web-2")]);
    const b = structuredClone(a);
    expect(diffMciViews(a, b)).toBeNull();
  });

  it("carries only the changed VMs, the removed ids and the changed MCI fields", () => {
    const one = vm("web-1");
    const prev = mci([one, vm("web-2"), vm("web-3")]);
    const next = mci([one, vm("web-2", "Running", { publicIp: "1.2.3.4" }), vm("web-4")], { status: "Partial-Running", costPerHour: 0.02 });
    const delta = diffMciViews(prev, next)!;
    expect(delta.vms?.map((v) => [v.id, v.status])).toEqual([
      ["vm-web-2", "Running"],
      ["vm-web-4", "Creating"],
    ]);
    expect(delta.removed).toEqual(["vm-web-3"]);
    expect(delta.mci).toEqual({ status: "Partial-Running", costPerHour: 0.02 });
  });

  it("takes a VM whose view is the same object as unchanged, without comparing it", () => {
    const shared = vm("web-1");
    const prev = mci([shared]);
    // Changed behind the diff's back: the same object in both views is not looked at.
    const next = mci([shared]);
    shared.status = "Running";
    expect(diffMciViews(prev, next)).toBeNull();
  });

  it("applied to the old view gives the new one, new VMs in name order", () => {
    const prev = mci([vm("a-1"), vm("a-3"), vm("b-1")]);
    const next = mci([vm("a-1", "Running"), vm("a-2"), vm("a-3"), vm("c-1")], { subGroups: [{ name: "a", connection: "x", region: "x", specId: "s", imageId: "i", count: 3, status: "Creating", state: STATE }] });
    const applied = applyMciDelta(prev, diffMciViews(prev, next)!);
    expect(applied).toEqual(next);
    // Unchanged VM views are kept as they were.
    expect(applied.vms[2]).toBe(prev.vms[1]);
  });

  it("applied twice gives the same view: a watcher that got a change in its snapshot too is not harmed", () => {
    const prev = mci([vm("a-1"), vm("a-2")]);
    const next = mci([vm("a-1", "Failed"), vm("a-3")], { status: "Partial-Failed" });
    const delta = diffMciViews(prev, next)!;
    expect(applyMciDelta(applyMciDelta(prev, delta), delta)).toEqual(next);
  });
});
