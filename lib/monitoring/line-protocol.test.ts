import { describe, expect, it } from "vitest";
import { LineProtocolError, parseLine, parseLineProtocol, toEpochMs } from "./line-protocol";

const errorOf = (text: string) => {
  try {
    parseLine(text);
  } catch (e) {
    if (e instanceof LineProtocolError) return e.message;
    throw e;
  }
  return null;
};

describe("line protocol: structure", () => {
  it("reads measurement, tags, fields and timestamp", () => {
    const p = parseLine("cpu,vm=vm-1,zone=a cpu_utilization=37.5,mem_utilization=61 1764000000");
    expect(p.measurement).toBe("cpu");
    expect(p.tags).toEqual({ vm: "vm-1", zone: "a" });
    expect(p.fields).toEqual({ cpu_utilization: { type: "float", value: 37.5 }, mem_utilization: { type: "float", value: 61 } });
    expect(p.timestamp).toBe("1764000000");
  });

  it("allows no tags and no timestamp", () => {
    const p = parseLine("m f=1");
    expect(p.tags).toEqual({});
    expect(p.timestamp).toBeNull();
  });

  it("undoes escapes in the measurement, tag keys, tag values and field keys", () => {
    const p = parseLine(String.raw`my\ meas\,ure,tag\ key=va\,l\=ue\ x,k\\=a\\b fi\=eld\ name=1 5`);
    expect(p.measurement).toBe("my meas,ure");
    expect(p.tags).toEqual({ "tag key": "va,l=ue x", "k\\": "a\\b" });
    expect(Object.keys(p.fields)).toEqual(["fi=eld name"]);
    expect(p.timestamp).toBe("5");
  });

  it("keeps a backslash that escapes nothing", () => {
    expect(parseLine(String.raw`m,path=C:\temp f=1`).tags.path).toBe(String.raw`C:\temp`);
  });

  it("reads quoted strings with escaped quotes, backslashes, commas, spaces and equals signs", () => {
    const p = parseLine(String.raw`m s="he said \"hi, there = ok\" \\o/",n=2`);
    expect(p.fields.s).toEqual({ type: "string", value: String.raw`he said "hi, there = ok" \o/` });
    expect(p.fields.n).toEqual({ type: "float", value: 2 });
  });

  it("skips comments, blank lines and carriage returns, and numbers lines from 1", () => {
    const { lines, errors } = parseLineProtocol("# a comment\n\n  \r\nm f=1 10\r\n   # indented comment\nm f=2\n");
    expect(errors).toEqual([]);
    expect(lines.map((l) => [l.line, l.fields.f])).toEqual([
      [4, { type: "float", value: 1 }],
      [6, { type: "float", value: 2 }],
    ]);
    expect(lines[0].timestamp).toBe("10");
  });
});

describe("line protocol: field types", () => {
  const field = (v: string) => parseLine(`m f=${v}`).fields.f;

  it("reads floats in every notation, and a bare integer as a float", () => {
    expect(field("1")).toEqual({ type: "float", value: 1 });
    expect(field("-1.5")).toEqual({ type: "float", value: -1.5 });
    expect(field("1e3")).toEqual({ type: "float", value: 1000 });
    expect(field("2.5E-2")).toEqual({ type: "float", value: 0.025 });
    expect(field(".5")).toEqual({ type: "float", value: 0.5 });
  });

  it("reads integers (i) and unsigned integers (u) within 64 bits", () => {
    expect(field("42i")).toEqual({ type: "integer", value: 42 });
    expect(field("-42i")).toEqual({ type: "integer", value: -42 });
    expect(field("42u")).toEqual({ type: "unsigned", value: 42 });
    expect(field("9223372036854775807i")).toEqual({ type: "integer", value: 9223372036854775807 });
    expect(errorOf("m f=9223372036854775808i")).toMatch(/out of range/);
    expect(errorOf("m f=-1u")).toMatch(/not a valid unsigned/);
    expect(errorOf("m f=1.5i")).toMatch(/not a valid integer/);
  });

  it("reads every spelling of a boolean", () => {
    for (const t of ["t", "T", "true", "True", "TRUE"]) expect(field(t)).toEqual({ type: "boolean", value: true });
    for (const f of ["f", "F", "false", "False", "FALSE"]) expect(field(f)).toEqual({ type: "boolean", value: false });
    expect(errorOf("m f=yes")).toMatch(/not a number, boolean or quoted string/);
  });

  it("refuses NaN, infinities and overflowing floats", () => {
    expect(errorOf("m f=NaN")).toMatch(/not a number/);
    expect(errorOf("m f=1e999")).toMatch(/out of range/);
  });
});

describe("line protocol: errors", () => {
  it("says what is wrong", () => {
    expect(errorOf("m")).toMatch(/no fields/);
    expect(errorOf("m ")).toMatch(/no fields/);
    expect(errorOf(",t=1 f=1")).toMatch(/no measurement/);
    expect(errorOf("m,t f=1")).toMatch(/tag t has no "=value"/);
    expect(errorOf("m,t= f=1")).toMatch(/tag t has an empty value/);
    expect(errorOf("m f")).toMatch(/field f has no "=value"/);
    expect(errorOf("m f=")).toMatch(/field f has an empty value/);
    expect(errorOf('m f="open')).toMatch(/no closing double quote/);
    expect(errorOf('m f="a"x=1')).toMatch(/unexpected "x" after field f/);
    expect(errorOf("m f=1 12:00")).toMatch(/"12:00" is not a timestamp/);
    expect(errorOf("m f=1 1 2")).toMatch(/is not a timestamp/);
  });

  it("reports each bad line with its number and keeps the good ones", () => {
    const { lines, errors } = parseLineProtocol("m f=1\nm f=oops\n# note\nm,t f=1\nm f=2 20");
    expect(lines.map((l) => l.line)).toEqual([1, 5]);
    expect(errors.map((e) => e.line)).toEqual([2, 4]);
    expect(errors[0].error).toMatch(/oops/);
  });
});

describe("line protocol: timestamps", () => {
  it("turns every precision into epoch milliseconds, rounding down", () => {
    expect(toEpochMs("1764000000", "s")).toBe(1_764_000_000_000);
    expect(toEpochMs("1764000000123", "ms")).toBe(1_764_000_000_123);
    expect(toEpochMs("1764000000123456", "us")).toBe(1_764_000_000_123);
    expect(toEpochMs("1764000000123456789", "ns")).toBe(1_764_000_000_123);
    expect(toEpochMs("1764000000999999999", "ns")).toBe(1_764_000_000_999);
    expect(toEpochMs("999999", "ns")).toBe(0);
    expect(toEpochMs("29400000", "m")).toBe(1_764_000_000_000);
    expect(toEpochMs("490000", "h")).toBe(1_764_000_000_000);
  });

  it("refuses times before 1970 and beyond what a date holds", () => {
    expect(() => toEpochMs("-1", "s")).toThrow(/before 1970/);
    expect(() => toEpochMs("-5000000", "ns")).toThrow(/before 1970/);
    expect(() => toEpochMs("1764000000000000000", "s")).toThrow(/out of range; is the precision right/);
    expect(() => toEpochMs("1764000000000", "h")).toThrow(/out of range; is the precision right/);
  });
});
