import { describe, expect, it } from "vitest";
import { auditUrl, filtersFromSearch, filterSearch, inputFromIso, isoFromInput } from "./audit-url";

describe("the audit page's filters in its URL", () => {
  it("reads the known filters, trimmed, and drops blank and unknown ones", () => {
    const search = new URLSearchParams("actor=%20ada%40example.com%20&action=&target=%2Fapi%2Fv1%2Ftokens&limit=9&evil=1");
    expect(filtersFromSearch(search)).toEqual({ actor: "ada@example.com", target: "/api/v1/tokens" });
  });

  it("writes them in a fixed order, so the table and the CSV link ask for the same entries", () => {
    const filters = { to: "2026-11-27T03:10:59.999Z", actor: "ada", action: "DELETE /api/v1/tokens/{id}" };
    expect(filterSearch(filters)).toBe("actor=ada&action=DELETE+%2Fapi%2Fv1%2Ftokens%2F%7Bid%7D&to=2026-11-27T03%3A10%3A59.999Z");
    expect(auditUrl(filters, { format: "csv" })).toBe(`/api/v1/audit?${filterSearch(filters)}&format=csv`);
    expect(auditUrl({}, { limit: 200 })).toBe("/api/v1/audit?limit=200");
    expect(auditUrl({})).toBe("/api/v1/audit");
  });

  it("reads a picked minute as UTC, the end of a range to the minute's last millisecond", () => {
    expect(isoFromInput("2026-11-27T03:10", "from")).toBe("2026-11-27T03:10:00Z");
    expect(isoFromInput("2026-11-27T03:10", "to")).toBe("2026-11-27T03:10:59.999Z");
    expect(isoFromInput("", "from")).toBeUndefined();
    expect(isoFromInput("27/11/2026", "to")).toBeUndefined();
  });

  it("shows a URL's time back in the field, and nothing for what is not a UTC time", () => {
    expect(inputFromIso("2026-11-27T03:10:59.999Z")).toBe("2026-11-27T03:10");
    expect(inputFromIso("2026-11-27T03:10:00Z")).toBe("2026-11-27T03:10");
    expect(inputFromIso("2026-11-27T03:10:00+09:00")).toBe("");
    expect(inputFromIso(undefined)).toBe("");
  });
});
