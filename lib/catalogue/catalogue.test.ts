import { describe, expect, it } from "vitest";
import {
  defaultImage,
  getImage,
  getRegion,
  getSpec,
  listImages,
  listProviders,
  listRegions,
  listSpecs,
} from "@/lib/catalogue";
import specsJson from "./data/specs.json";
import imagesJson from "./data/images.json";

// Counted by hand from CB-Tumblebug's cloudinfo.yaml (commit 440b798): uncommented regions only,
// without the two OpenStack examples (see README.md).
const REGIONS_PER_PROVIDER: Record<string, number> = {
  alibaba: 32, aws: 33, azure: 48, gcp: 43, ibm: 13, kt: 1, ncp: 3, nhn: 4, tencent: 17,
};
// The 24 regions commented out in the same file (no VM support, DR-only, or retired).
const DISABLED = [
  "alibaba-ap-south-1", "alibaba-ap-southeast-2", "aws-me-south-1", "azure-eastus2euap", "azure-brazilus",
  "azure-jioindiawest", "azure-jioindiacentral", "azure-eastusstg", "azure-centraluseuap", "azure-australiacentral2",
  "azure-switzerlandwest", "azure-francesouth", "azure-uaecentral", "azure-southafricawest", "azure-germanynorth",
  "azure-brazilsoutheast", "azure-norwaywest", "kt-KR-CN", "kt-KR-CJ", "kt-KR-YS", "nhn-US1", "tencent-ap-mumbai",
  "tencent-eu-moscow", "tencent-na-toronto",
];
const specsFile = specsJson as unknown as { families: { p: string; f: string }[]; factors: Record<string, number> };
const imagesFile = imagesJson as unknown as { images: { provider: string; id: string }[] };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("regions", () => {
  it("lists 194 enabled regions over 9 providers", () => {
    expect(listRegions()).toHaveLength(194);
    const providers = listProviders();
    expect(providers.map((p) => p.id)).toEqual(Object.keys(REGIONS_PER_PROVIDER).sort(cmp));
    for (const p of providers) {
      expect(p.regionCount, p.id).toBe(REGIONS_PER_PROVIDER[p.id]);
      expect(listRegions(p.id)).toHaveLength(REGIONS_PER_PROVIDER[p.id]);
      expect(p.name.length).toBeGreaterThan(0);
    }
  });

  it("sorts by provider then region code", () => {
    const keys = listRegions().map((r) => [r.provider, r.region]);
    const sorted = [...keys].sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
    expect(keys).toEqual(sorted);
  });

  it("gives every region a key, coordinates in range and at least one zone", () => {
    for (const r of listRegions()) {
      expect(r.key).toBe(`${r.provider}-${r.region}`);
      expect(getRegion(r.key)).toEqual(r);
      expect(Number.isFinite(r.latitude) && Math.abs(r.latitude) <= 90, r.key).toBe(true);
      expect(Number.isFinite(r.longitude) && Math.abs(r.longitude) <= 180, r.key).toBe(true);
      expect(r.zones.length, r.key).toBeGreaterThan(0);
      expect(r.name.length).toBeGreaterThan(0);
    }
    expect(getRegion("aws-ap-northeast-2")?.name).toBe("South Korea (Seoul)");
  });

  it("leaves disabled regions out", () => {
    for (const key of DISABLED) expect(getRegion(key), key).toBeUndefined();
  });

  // Tumblebug's cloudinfo.yaml shows how to register a private OpenStack with a lab install and a
  // template; neither is a cloud anyone can deploy to, so neither may appear in a legend.
  it("holds no example provider: no OpenStack lab or template, nothing named as an example", () => {
    const ids = listProviders().map((p) => p.id);
    expect(ids).not.toContain("openstack");
    expect(ids).not.toContain("openstack-ex01");
    for (const p of listProviders()) expect(p.name, p.id).not.toMatch(/example/i);
    for (const r of listRegions()) expect(r.name, r.key).not.toMatch(/example|internal|virtual region/i);
    expect(getRegion("openstack-RegionOne")).toBeUndefined();
    expect(getRegion("openstack-ex01-RegionOne")).toBeUndefined();
    // Nothing else in the data still refers to them.
    const catalogued = new Set(ids);
    for (const f of specsFile.families) expect(catalogued.has(f.p), `spec family ${f.p}/${f.f}`).toBe(true);
    for (const key of Object.keys(specsFile.factors)) expect(getRegion(key), `price factor ${key}`).toBeDefined();
    for (const i of imagesFile.images) expect(catalogued.has(i.provider), `image ${i.provider}/${i.id}`).toBe(true);
  });
});

describe("specs", () => {
  it("offers 5-60 valid, uniquely named specs in every region, sorted by price then name", () => {
    for (const r of listRegions()) {
      const specs = listSpecs(r.key);
      expect(specs.length, r.key).toBeGreaterThanOrEqual(5);
      expect(specs.length, r.key).toBeLessThanOrEqual(60);
      expect(new Set(specs.map((s) => s.id)).size, r.key).toBe(specs.length);
      for (const s of specs) {
        expect(s.id).toBe(`${r.provider}+${r.region}+${s.name}`);
        expect(s.provider).toBe(r.provider);
        expect(s.regionKey).toBe(r.key);
        expect(s.vcpu, s.id).toBeGreaterThan(0);
        expect(s.memoryGiB, s.id).toBeGreaterThan(0);
        expect(s.pricePerHour, s.id).toBeGreaterThan(0);
        expect(Math.round(s.pricePerHour * 1e4) / 1e4).toBe(s.pricePerHour);
        if (s.accelerator) expect(s.accelerator.count).toBeGreaterThan(0);
      }
      for (let i = 1; i < specs.length; i++) {
        const [a, b] = [specs[i - 1], specs[i]];
        expect(a.pricePerHour < b.pricePerHour || (a.pricePerHour === b.pricePerHour && a.name < b.name), `${a.id} / ${b.id}`).toBe(true);
      }
    }
  });

  it("keeps CB-Tumblebug's price in the region it was quoted for", () => {
    const t3 = getSpec("aws-ap-northeast-2", "t3.micro");
    expect(t3).toMatchObject({ vcpu: 2, memoryGiB: 1, pricePerHour: 0.013, priceSource: "tumblebug", family: "t3" });
    expect(getSpec("ncp-KR", "s2-g3")).toMatchObject({ vcpu: 2, memoryGiB: 8, pricePerHour: 0.0848, priceSource: "tumblebug" });
    expect(getSpec("ncp-SGN", "c4-g3")).toMatchObject({ vcpu: 4, memoryGiB: 8, pricePerHour: 0.1489 });
    // KRW rows convert at 0.00074 USD/KRW: 196 KRW and 107 KRW.
    expect(getSpec("nhn-KR1", "m2.c4m8")).toMatchObject({ vcpu: 4, memoryGiB: 8, pricePerHour: 0.145, priceSource: "tumblebug" });
    expect(getSpec("kt-KR1", "2x4.itl")).toMatchObject({ vcpu: 2, memoryGiB: 4, pricePerHour: 0.0792 });
    expect(getSpec("gcp-us-west2", "e2-standard-2")).toMatchObject({ pricePerHour: 0.0805, priceSource: "tumblebug" });
  });

  it("uses list prices where they were written and scales them by region elsewhere", () => {
    expect(getSpec("aws-us-east-1", "m6i.large")).toMatchObject({ vcpu: 2, memoryGiB: 8, pricePerHour: 0.096, priceSource: "list" });
    const sp = getSpec("aws-sa-east-1", "m6i.large");
    expect(sp?.priceSource).toBe("modelled");
    expect(sp?.pricePerHour).toBeCloseTo(0.096 * 1.55, 4);
    // Seoul's CSV price scaled back to US East lands near AWS's real us-east-1 price (0.0104).
    expect(getSpec("aws-us-east-1", "t3.micro")?.pricePerHour).toBeCloseTo(0.0107, 4);
    expect(getSpec("nhn-JP1", "m2.c4m8")?.priceSource).toBe("modelled");
    expect(getSpec("nhn-KR2", "m2.c4m8")?.priceSource).toBe("tumblebug");
  });

  it("offers CSV-only families only where CB-Tumblebug quotes them", () => {
    expect(getSpec("ncp-KR", "c2-g3")).toBeUndefined();
    expect(getSpec("ncp-SGN", "ci2-g3")).toBeUndefined();
    expect(getSpec("ncp-KR", "mi1-g3")).toMatchObject({ vcpu: 1, memoryGiB: 1 });
  });

  it("offers GPUs in a subset of regions, with the accelerator filled", () => {
    const g4 = getSpec("aws-us-east-1", "g4dn.xlarge");
    expect(g4?.accelerator).toEqual({ type: "gpu", model: "NVIDIA T4", count: 1, memoryGiB: 16 });
    expect(listSpecs("aws-af-south-1").some((s) => s.accelerator)).toBe(false);
    expect(getSpec("nhn-KR1", "g2.t4.c8m64")?.accelerator).toEqual({ type: "gpu", model: "NVIDIA T4", count: 2, memoryGiB: 32 });
    const gpuRegions = listRegions().filter((r) => listSpecs(r.key).some((s) => s.accelerator));
    expect(gpuRegions.length).toBeGreaterThan(20);
    expect(gpuRegions.length).toBeLessThan(listRegions().length);
    for (const p of ["aws", "azure", "gcp", "alibaba", "tencent", "ibm", "nhn", "kt"]) {
      expect(gpuRegions.some((r) => r.provider === p), p).toBe(true);
    }
  });

  it("finds a spec by id or by name, and nothing for unknown keys", () => {
    const byName = getSpec("gcp-us-central1", "e2-medium");
    expect(byName).toBeDefined();
    expect(getSpec("gcp-us-central1", byName!.id)).toEqual(byName);
    expect(getSpec("gcp-us-central1", "t3.micro")).toBeUndefined();
    expect(listSpecs("aws-mars-1")).toEqual([]);
    expect(getSpec("aws-mars-1", "t3.micro")).toBeUndefined();
  });

  it("memoizes per region without letting callers change the cache", () => {
    const a = listSpecs("azure-eastus");
    a.length = 0;
    const b = listSpecs("azure-eastus");
    expect(b.length).toBeGreaterThan(0);
    expect(b[0]).toBe(listSpecs("azure-eastus")[0]);
  });
});

describe("images", () => {
  it("puts exactly one default first in every region", () => {
    for (const r of listRegions()) {
      const images = listImages(r.key);
      expect(images.length, r.key).toBeGreaterThan(0);
      expect(images[0].isDefault, r.key).toBe(true);
      expect(images.filter((i) => i.isDefault), r.key).toHaveLength(1);
      expect(defaultImage(r.provider)).toEqual(images[0]);
    }
  });

  it("carries the CSV's VM images and leaves out Kubernetes node image types", () => {
    const azure = listImages("azure-koreacentral");
    expect(azure).toHaveLength(22);
    expect(azure[0]).toMatchObject({ os: "Ubuntu 22.04", architecture: "x86_64" });
    expect(getImage("azure-koreacentral", "Canonical:ubuntu-24_04-lts:server-arm64:24.04.202603120")).toMatchObject({
      os: "Ubuntu 24.04",
      architecture: "arm64",
    });
    expect(getImage("aws-us-east-1", "AL2023_x86_64_STANDARD")).toBeUndefined();
    expect(defaultImage("aws").os).toBe("Ubuntu 22.04");
  });

  it("gives nothing for unknown keys", () => {
    expect(listImages("gcp-atlantis1")).toEqual([]);
    expect(getImage("gcp-atlantis1", "x")).toBeUndefined();
    expect(() => defaultImage("nocloud")).toThrow(/nocloud/);
  });
});
