import { describe, expect, it } from "vitest";
import { SignInLimit } from "./sign-in-limit";

describe("the per-account sign-in limit", () => {
  it("lets `max` attempts through per window, then says how long to wait, whatever the address", () => {
    let t = 0;
    const limit = new SignInLimit(3, 60_000, () => t);
    expect([limit.attempt("ada@example.com"), limit.attempt("ADA@example.com "), limit.attempt("ada@example.com")]).toEqual([null, null, null]);
    t = 20_000;
    expect(limit.attempt("ada@example.com")).toBe(40);
    expect(limit.attempt("bob@example.com")).toBeNull();
    t = 60_000;
    expect(limit.attempt("ada@example.com")).toBeNull();
  });
});
