#!/usr/bin/env node
// @ts-check
// prisma/schema.prisma is the one source of the schema. PostgreSQL's copy is derived from it, never
// edited by hand:
//   node scripts/prisma-postgres.mjs schema            writes prisma/postgresql/schema.prisma (postinstall runs it)
//   node scripts/prisma-postgres.mjs migration <name>  writes the PostgreSQL migration that brings the
//                                                      existing ones up to the schema
//   node scripts/prisma-postgres.mjs check             exits 2 and prints the difference when they do not
// Models whose documentation says `@timeseries` are left out: PostgreSQL keeps those tables in a
// partitioned form of its own, written as a migration by hand (Prisma cannot describe partitions).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { POSTGRES_MIGRATIONS } from "../lib/store/migrate-postgres.mjs";
import { startPostgresCluster } from "../lib/store/postgres-cluster.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");

/**
 * The PostgreSQL schema: the same models, provider postgresql, its own generated client.
 * @param {string} source
 * @returns {string}
 */
export function derivePostgresSchema(source) {
  const out = [];
  let docs = [];
  let skipping = false;
  for (const line of source.split("\n")) {
    if (skipping) {
      if (line.startsWith("}")) skipping = false;
      continue;
    }
    if (line.startsWith("///")) {
      docs.push(line);
      continue;
    }
    if (/^model \w+ \{/.test(line) && docs.some((d) => d.includes("@timeseries"))) {
      docs = [];
      skipping = true;
      continue;
    }
    out.push(...docs, line);
    docs = [];
  }
  return [
    "// Derived from prisma/schema.prisma by scripts/prisma-postgres.mjs: do not edit.",
    out
      .join("\n")
      .replace(/provider = "sqlite"/, 'provider = "postgresql"')
      .replace(/output\s*=\s*"\.\.\/lib\/store\/generated\/prisma"/, 'output   = "../../lib/store/generated/postgres"'),
  ].join("\n");
}

export function writePostgresSchema() {
  const text = derivePostgresSchema(readFileSync(SOURCE, "utf8"));
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, text);
  return text;
}

/**
 * Prisma's Wasm schema engine on the pg driver adapter (no downloaded binary needed).
 * @param {string} url
 * @param {string} schema
 * @returns {Promise<any>} the engine (its package ships no types for this use)
 */
async function schemaEngine(url, schema) {
  const req = createRequire(path.join(root, "package.json"));
  const gluePath = req.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(pathToFileURL(gluePath).href);
  const wasm = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const inst = new WebAssembly.Instance(new WebAssembly.Module(wasm), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(inst.exports);
  /** @type {any} */ (inst.exports).__wbindgen_start?.();
  const { PrismaPg } = await import(pathToFileURL(req.resolve("@prisma/adapter-pg")).href);
  const { bindMigrationAwareSqlAdapterFactory } = await import(pathToFileURL(req.resolve("@prisma/driver-adapter-utils")).href);
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
  return glue.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
}

/** What the PostgreSQL migrations add up to: the derived schema the last of them was written from. */
export const POSTGRES_SNAPSHOT = path.join(root, POSTGRES_MIGRATIONS, "schema.snapshot.prisma");

/**
 * The SQL that takes the schema the migrations reach to prisma/schema.prisma (empty when none).
 * A diff of two schema texts: the Wasm engine cannot read a live PostgreSQL's catalogue through the
 * driver adapter, so each migration keeps the schema it reaches beside it.
 * @returns {Promise<{ sql: string, schema: string }>}
 */
export async function pendingPostgresChange() {
  const schema = derivePostgresSchema(readFileSync(SOURCE, "utf8"));
  const from = existsSync(POSTGRES_SNAPSHOT)
    ? { tag: "schemaDatamodel", files: [{ path: "snapshot.prisma", content: readFileSync(POSTGRES_SNAPSHOT, "utf8") }] }
    : { tag: "empty" };
  // The engine wants a server to connect to, though a diff of two schemas reads nothing from it.
  const cluster = await startPostgresCluster();
  let r;
  try {
    const engine = await schemaEngine(cluster.url, schema);
    r = await engine.diff({ from, to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] }, script: true, exitCode: null, filters: { externalTables: [], externalEnums: [] } });
  } finally {
    await cluster.stop();
  }
  const sql = (r.stdout ?? "").trim();
  return { sql: /^(-- This is an empty migration\.)?$/.test(sql) ? "" : sql + "\n", schema };
}

async function main() {
  const [cmd = "schema", name] = process.argv.slice(2);
  if (cmd === "schema") {
    writePostgresSchema();
    return;
  }
  if (cmd === "check") {
    const { sql } = await pendingPostgresChange();
    if (!sql) return console.log("PostgreSQL migrations match prisma/schema.prisma");
    console.log(sql);
    console.error("PostgreSQL migrations are behind prisma/schema.prisma: run node scripts/prisma-postgres.mjs migration <name>");
    process.exit(2);
  }
  if (cmd === "migration") {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: node scripts/prisma-postgres.mjs migration <name of lowercase letters, digits and _>");
    const { sql, schema } = await pendingPostgresChange();
    if (!sql) return console.log("nothing to do: the PostgreSQL migrations already match prisma/schema.prisma");
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(root, POSTGRES_MIGRATIONS, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    writeFileSync(path.join(root, POSTGRES_MIGRATIONS, "migration_lock.toml"), 'provider = "postgresql"\n');
    writeFileSync(POSTGRES_SNAPSHOT, schema);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
    return;
  }
  throw new Error(`unknown command ${cmd}: schema, migration <name> or check`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
