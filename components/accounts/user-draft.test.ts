import { describe, expect, it } from "vitest";
import { draftOf, patchOf, rolesOfPairs, signsOut } from "./user-draft";

const user = { role: "operator" as const, namespaceRoles: { prod: "viewer" as const } };

describe("editing a user", () => {
  it("sends nothing when nothing changed, and never the unchanged role (it would sign the user out)", () => {
    expect(patchOf(user, draftOf(user))).toEqual({ patch: null });
    const reordered = { role: "operator" as const, pairs: [{ ns: " prod ", role: "viewer" as const }, { ns: "", role: "admin" as const }], password: "" };
    expect(patchOf(user, reordered)).toEqual({ patch: null });
  });

  it("sends only the parts that changed", () => {
    expect(patchOf(user, { ...draftOf(user), role: "admin" })).toEqual({ patch: { role: "admin" } });
    expect(patchOf(user, { ...draftOf(user), pairs: [] })).toEqual({ patch: { namespaceRoles: {} } });
    expect(patchOf(user, { ...draftOf(user), pairs: [{ ns: "prod", role: "operator" }, { ns: "lab", role: "viewer" }] })).toEqual({ patch: { namespaceRoles: { prod: "operator", lab: "viewer" } } });
    expect(patchOf(user, { ...draftOf(user), password: "correct horse battery" })).toEqual({ patch: { password: "correct horse battery" } });
  });

  it("refuses a namespace named twice", () => {
    expect(rolesOfPairs([{ ns: "prod", role: "viewer" }, { ns: "prod ", role: "operator" }])).toEqual({ error: 'namespace "prod" is listed twice; keep one role for it' });
  });

  it("knows which changes end the user's sessions", () => {
    expect(signsOut({ namespaceRoles: {} })).toBe(false);
    expect(signsOut({ role: "viewer" })).toBe(true);
    expect(signsOut({ password: "x".repeat(10) })).toBe(true);
  });
});
