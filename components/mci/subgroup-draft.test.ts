import { describe, expect, it } from "vitest";
import type { Image, Spec } from "@/lib/core/types";
import { DEFAULT_DRAFT, resolveSubgroup } from "./subgroup-draft";

const spec = (name: string, vcpu: number, memoryGiB: number, pricePerHour: number): Spec => ({
  id: `aws+us-east-1+${name}`,
  name,
  provider: "aws",
  regionKey: "aws-us-east-1",
  vcpu,
  memoryGiB,
  accelerator: null,
  pricePerHour,
  priceSource: "list",
  family: name.split(".")[0],
});
const SPECS = [spec("m5.large", 2, 8, 0.096), spec("t3.micro", 2, 1, 0.0104), spec("t3.nano", 2, 0.5, 0.0052), spec("c5.xlarge", 4, 8, 0.17)];
const IMAGES: Image[] = [
  { id: "ami-old", name: "old", os: "Ubuntu 20.04", architecture: "x86_64", description: "", isDefault: false },
  { id: "ami-default", name: "jammy", os: "Ubuntu 22.04", architecture: "x86_64", description: "", isDefault: true },
];

describe("resolveSubgroup", () => {
  it("suggests the cheapest spec that fits the filters and the default image", () => {
    const r = resolveSubgroup("aws-us-east-1", DEFAULT_DRAFT, SPECS, IMAGES, undefined);
    expect(r.spec?.name).toBe("t3.micro");
    expect(r.suggested).toBe(true);
    expect(r.image?.id).toBe("ami-default");
    expect(r.problem).toBeNull();
    expect(resolveSubgroup("aws-us-east-1", { ...DEFAULT_DRAFT, minVcpu: 4 }, SPECS, IMAGES, undefined).spec?.name).toBe("c5.xlarge");
  });

  it("keeps an explicit choice, and says what to change when nothing fits", () => {
    const chosen = resolveSubgroup("aws-us-east-1", { ...DEFAULT_DRAFT, specId: SPECS[0].id, imageId: "ami-old" }, SPECS, IMAGES, undefined);
    expect(chosen.spec?.name).toBe("m5.large");
    expect(chosen.suggested).toBe(false);
    expect(chosen.image?.id).toBe("ami-old");
    const none = resolveSubgroup("aws-us-east-1", { ...DEFAULT_DRAFT, maxPrice: 0.001 }, SPECS, IMAGES, undefined);
    expect(none.spec).toBeNull();
    expect(none.problem).toMatch(/raise the price limit/);
  });

  it("waits for the catalogue, and reports a region whose catalogue failed", () => {
    expect(resolveSubgroup("aws-us-east-1", DEFAULT_DRAFT, undefined, undefined, undefined)).toMatchObject({ loading: true, problem: null });
    expect(resolveSubgroup("aws-us-east-1", DEFAULT_DRAFT, undefined, undefined, "boom").problem).toMatch(/could not be loaded: boom/);
  });
});
