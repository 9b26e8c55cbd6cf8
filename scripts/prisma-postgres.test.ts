import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, pendingPostgresChange } from "./prisma-postgres.mjs";

describe("the PostgreSQL schema, derived from the one schema", () => {
  const source = readFileSync("prisma/schema.prisma", "utf8");
  const derived = derivePostgresSchema(source);

  it("has every model but the time series, for PostgreSQL, with a client of its own", () => {
    const models = (text: string) => [...text.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    const timeseries = [...source.matchAll(/^\/\/\/ @timeseries[^\n]*\n(?:\/\/\/[^\n]*\n)*model (\w+)/gm)].map((m) => m[1]);
    expect(timeseries).toEqual(expect.arrayContaining(["MetricSample", "MetricRollup"]));
    expect(models(derived)).toEqual(models(source).filter((m) => !timeseries.includes(m)));
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).not.toContain('provider = "sqlite"');
    expect(derived).toContain("generated/postgres");
  });

  it("is what the PostgreSQL migrations reach: a schema change needs its PostgreSQL migration too", async () => {
    const { sql } = await pendingPostgresChange();
    expect(sql).toBe("");
  });
});
