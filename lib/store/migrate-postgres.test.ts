import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "./migrate-postgres.mjs";
import { startPostgresCluster, type PostgresCluster } from "./postgres-cluster.mjs";

let cluster: PostgresCluster;
let made = 0;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

async function newDatabase(): Promise<string> {
  const name = `m${++made}`;
  await query(cluster.url, `CREATE DATABASE ${name}`);
  return cluster.urlOf(name);
}

beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

describe("PostgreSQL migrations at start", () => {
  it("bring an empty database to the schema and record each migration as Prisma does", async () => {
    const url = await newDatabase();
    const { applied } = await migratePostgres(url);
    expect(applied.length).toBeGreaterThan(0);
    const recorded = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(recorded.map((r) => r.migration_name)).toEqual(applied);
    expect(recorded.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    const tables = (await query<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.tablename);
    expect(tables).toEqual(expect.arrayContaining(["Mci", "Vm", "WorkItem", "Credential", "MetricSeries"]));
    expect(await migratePostgres(url)).toEqual({ applied: [], alreadyApplied: applied.length });
  });

  it("are applied once when several servers start together", async () => {
    const url = await newDatabase();
    const results = await Promise.all([1, 2, 3, 4].map(() => migratePostgres(url)));
    const appliers = results.filter((r) => r.applied.length > 0);
    expect(appliers).toHaveLength(1);
    const rows = await query<{ n: string }>(url, `SELECT COUNT(*) AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0].n)).toBe(appliers[0].applied.length);
  });

  it("roll a failing migration back whole, name it, and apply nothing after it", async () => {
    const url = await newDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "barista-pgmig-"));
    const write = (name: string, sql: string) => {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, "migration.sql"), sql);
    };
    write("1_ok", `CREATE TABLE "A" ("id" INTEGER PRIMARY KEY);`);
    write("2_broken", `CREATE TABLE "B" ("id" INTEGER PRIMARY KEY); INSERT INTO "Nowhere" VALUES (1);`);
    write("3_later", `CREATE TABLE "C" ("id" INTEGER PRIMARY KEY);`);
    try {
      await expect(migratePostgres(url, dir)).rejects.toThrow(/2_broken failed: .*Nowhere/);
      const tables = (await query<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.tablename).sort();
      expect(tables).toEqual(["A", "_prisma_migrations"]);
      const names = (await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`)).map((r) => r.migration_name);
      expect(names).toEqual(["1_ok"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
