import { describe, expect, it } from "vitest";
import { ALL_ENDPOINTS } from "./endpoints";
import { buildOpenApi } from "./openapi";

describe("the OpenAPI document", () => {
  const doc = buildOpenApi(ALL_ENDPOINTS, { version: "test" });
  const text = JSON.stringify(doc);

  it("is OpenAPI 3.1 with every operation the API serves", () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const path of ["/api/v1/regions", "/api/v1/latency", "/api/v1/connections", "/api/v1/ns/{ns}/mci", "/api/v1/ns/{ns}/mci/{id}/actions"]) expect(doc.paths[path]).toBeDefined();
  });

  it("resolves every $ref inside the document's components", () => {
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    const unresolved = refs.filter((r) => !r.startsWith("#/components/schemas/") || !(r.slice("#/components/schemas/".length) in doc.components.schemas));
    expect(unresolved).toEqual([]);
    expect(text).not.toContain("$defs");
  });

  it("gives every operation a unique id", () => {
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => (op as { operationId: string }).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
