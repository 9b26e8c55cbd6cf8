import { describe, expect, it } from "vitest";
import { alertRuleCreateSchema } from "@/lib/validation/monitoring";
import { placeIssues } from "@/components/ui/place-issues";
import { EMPTY_DRAFT, fieldOfDraft, toCreateInput } from "./rule-draft";

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

describe("placing a failed create on the rule form", () => {
  it("puts issues next to the field their path starts with and the rest on the form", () => {
    const issues = [
      { path: "name", message: "name is required" },
      { path: "scope.mci", message: 'MCI "m" does not exist' },
      { path: "input", message: "odd" },
    ];
    expect(placeIssues({ error: "name: name is required; scope.mci: …", issues }, fieldOfDraft)).toEqual({
      fields: { name: "name is required", scope: 'MCI "m" does not exist' },
      form: "odd",
    });
  });

  it("keeps the first message of a field, and leaves a message that contains a colon whole", () => {
    const issues = [
      { path: "scope", message: "give one of vm, mci or namespace" },
      { path: "scope.vm", message: "second" },
    ];
    expect(placeIssues({ error: "…", issues }, fieldOfDraft).fields).toEqual({ scope: "give one of vm, mci or namespace" });
    expect(placeIssues({ error: "name: looks like a field but is the database talking", issues: [] }, fieldOfDraft)).toEqual({ fields: {}, form: "name: looks like a field but is the database talking" });
  });
});
