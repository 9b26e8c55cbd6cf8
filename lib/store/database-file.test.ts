import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseFile, databaseTarget, redactDatabaseUrl } from "./database-file.mjs";

describe("DATABASE_URL", () => {
  it("defaults to a SQLite file under ./data and resolves file: URLs against the working directory", () => {
    expect(databaseTarget({})).toEqual({ provider: "sqlite", url: "file:./data/barista.db", file: path.resolve("data/barista.db") });
    expect(databaseTarget({ DATABASE_URL: "file:/tmp/x.db?mode=rw" })).toMatchObject({ provider: "sqlite", file: "/tmp/x.db" });
  });

  it("names PostgreSQL by postgresql:// or postgres://", () => {
    expect(databaseTarget({ DATABASE_URL: "postgresql://b:pw@db:5432/barista" })).toEqual({ provider: "postgresql", url: "postgresql://b:pw@db:5432/barista" });
    expect(databaseTarget({ DATABASE_URL: "postgres://db/barista" }).provider).toBe("postgresql");
  });

  it("refuses anything else with both forms in the message and never the password", () => {
    expect(() => databaseTarget({ DATABASE_URL: "mysql://root:s3cret@db/barista" })).toThrow(/file:\.\/data\/barista\.db.*postgresql:\/\//);
    expect(() => databaseTarget({ DATABASE_URL: "mysql://root:s3cret@db/barista" })).not.toThrow(/s3cret/);
    expect(() => databaseFile({ DATABASE_URL: "postgresql://b:s3cret@db/barista" })).toThrow(/PostgreSQL \(postgresql:\/\/b:\*\*\*@db\/barista\)/);
  });

  it("hides the password of a URL shown in the log", () => {
    expect(redactDatabaseUrl("postgresql://barista:p@ss:w0rd@db.example.com:5432/barista")).toBe("postgresql://barista:***@db.example.com:5432/barista");
    expect(redactDatabaseUrl("postgresql://barista@db/barista")).toBe("postgresql://barista@db/barista");
  });
});
