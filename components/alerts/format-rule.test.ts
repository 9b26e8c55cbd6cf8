import { describe, expect, it } from "vitest";
import { describeCondition, formatSeconds, formatValue, scopeOf } from "./format-rule";

describe("formatSeconds", () => {
  it("says minutes and hours when they are whole, seconds otherwise", () => {
    expect(formatSeconds(0)).toBe("0 s");
    expect(formatSeconds(45)).toBe("45 s");
    expect(formatSeconds(90)).toBe("90 s");
    expect(formatSeconds(120)).toBe("2 min");
    expect(formatSeconds(3600)).toBe("1 h");
    expect(formatSeconds(5400)).toBe("1 h 30 min");
  });
});

describe("formatValue", () => {
  it("prints the metric's unit with few decimals", () => {
    expect(formatValue("cpu_utilization", 87.34)).toBe("87.3 %");
    expect(formatValue("cpu_utilization", 0)).toBe("0 %");
    expect(formatValue("bytes_in", 125_000.4)).toBe("125,000 B/s");
    expect(formatValue("kb_read", 3.14159)).toBe("3.14 KB/s");
    expect(formatValue("unknown", 5)).toBe("5");
  });
});

describe("describeCondition", () => {
  it("reads like a sentence", () => {
    expect(describeCondition({ agg: "avg", metric: "cpu_utilization", op: ">", threshold: 80, forSeconds: 120, windowSeconds: 60 })).toBe(
      "avg cpu_utilization > 80 % for 2 min over 1 min",
    );
    expect(describeCondition({ agg: "max", metric: "bytes_out", op: ">=", threshold: 1000, forSeconds: 0, windowSeconds: 30 })).toBe(
      "max bytes_out >= 1,000 B/s at once over 30 s",
    );
  });
});

describe("scopeOf", () => {
  it("names the one scope that is set", () => {
    expect(scopeOf({ mci: "m1" })).toEqual({ kind: "mci", id: "m1" });
    expect(scopeOf({ vm: "v1" })).toEqual({ kind: "vm", id: "v1" });
    expect(scopeOf({ namespace: "default" })).toEqual({ kind: "namespace", id: "default" });
  });
});
