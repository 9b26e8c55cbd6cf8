import { describe, expect, it } from "vitest";
import { alertRuleCreateSchema } from "@/lib/validation/monitoring";
import { EMPTY_DRAFT, placeErrors, toCreateInput } from "./rule-draft";

describe("toCreateInput", () => {
  it("makes a valid rule of a filled-in draft", () => {
    const input = toCreateInput({ ...EMPTY_DRAFT, name: " hot ", scopeValue: "mci-1", webhookUrl: "" });
    const parsed = alertRuleCreateSchema.parse(input);
    expect(parsed).toMatchObject({ name: "hot", threshold: 80, forSeconds: 120, windowSeconds: 60, scope: { mci: "mci-1" } });
    expect(parsed.webhookUrl).toBeUndefined();
  });

  it("leaves blanks out so the schema names what is missing", () => {
    const r = alertRuleCreateSchema.safeParse(toCreateInput({ ...EMPTY_DRAFT, threshold: "", scopeValue: "", webhookUrl: "ftp://x" }));
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["threshold", "scope", "webhookUrl"]));
  });
});

describe("placeErrors", () => {
  it("puts field errors next to their fields and the rest on the form", () => {
    expect(placeErrors({ error: "x", fieldErrors: { name: "name is required", "scope.mci": "scope.mci is empty", form: "odd" } })).toEqual({
      fields: { name: "name is required", scope: "scope.mci is empty" },
      form: "odd",
    });
  });

  it("reads the field from a lib error's prefix", () => {
    expect(placeErrors({ error: 'scope.mci: MCI "m" does not exist' })).toEqual({ fields: { scope: 'MCI "m" does not exist' }, form: null });
    expect(placeErrors({ error: "the database is locked" })).toEqual({ fields: {}, form: "the database is locked" });
  });
});
