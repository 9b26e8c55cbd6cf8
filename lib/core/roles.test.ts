import { describe, expect, it } from "vitest";
import { allows, lowerRole, mayGrant, roleIn, type Role, type TokenRole } from "./roles";

describe("roles", () => {
  it("orders viewer < operator < admin, and lets agents only write metrics", () => {
    expect(allows("viewer", "viewer")).toBe(true);
    expect(allows("viewer", "operator")).toBe(false);
    expect(allows("operator", "agent")).toBe(true);
    expect(allows("agent", "agent")).toBe(true);
    expect(allows("agent", "viewer")).toBe(false);
    expect(allows("admin", "admin")).toBe(true);
    expect(lowerRole("admin", "viewer")).toBe("viewer");
    expect(mayGrant("operator", "admin")).toBe(false);
    expect(mayGrant("viewer", "agent")).toBe(false);
  });

  it("narrows a role in the namespaces named, never widens it", () => {
    const narrowed: Record<string, Role> = { prod: "viewer", lab: "admin" };
    expect(roleIn("operator", narrowed, "prod")).toBe("viewer");
    expect(roleIn("operator", narrowed, "lab")).toBe("operator");
    expect(roleIn("operator", narrowed, "dev")).toBe("operator");
    expect(roleIn("operator", narrowed, undefined)).toBe("operator");
    expect(roleIn("agent", narrowed, "prod")).toBe("agent");
  });

  // Namespace names are lower-case words, so "constructor" is one: a lookup that climbed to
  // Object.prototype read Object itself as the narrowed role, and even the admin was refused there.
  it.each(["constructor", "__proto__"])("reads only the namespace roles given, never Object.prototype's (namespace %s)", (ns) => {
    for (const role of ["viewer", "operator", "admin", "agent"] as TokenRole[]) {
      expect(roleIn(role, {}, ns)).toBe(role);
      expect(roleIn(role, { prod: "viewer" }, ns)).toBe(role);
    }
    expect(allows(roleIn("admin", {}, "constructor"), "admin")).toBe(true);
    expect(roleIn("admin", Object.fromEntries([["constructor", "viewer"]]) as Record<string, Role>, "constructor")).toBe("viewer");
  });
});
