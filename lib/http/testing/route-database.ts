import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { hashToken } from "@/lib/auth";
import type { TokenRole } from "@/lib/core/roles";
import { disconnectDb, migrateDatabase, stores } from "@/lib/store";
import type { RouteHandler } from "../route-modules";

/** A route module's exported method, as a test calls it. */
export type Handler = RouteHandler;

export type AuthHeader = { authorization: string };

export interface RouteDatabase {
  /** The folder of the database file: the server keeps its other files (the metric store) beside it. */
  dir: string;
  /** The migrated SQLite file behind DATABASE_URL. */
  file: string;
  /** The automation token (BARISTA_API_TOKEN), which the route wrapper lets in as admin, and its header. */
  adminToken: string;
  adminAuth: AuthHeader;
  /**
   * Stores an API token of this role, named for it unless `name` says otherwise (the name is the
   * actor a route records), optionally owned by a user, and answers its header.
   */
  tokenFor(role: TokenRole, options?: { name?: string; userId?: string }): Promise<AuthHeader>;
}

/**
 * A database of the test file's own for driving the real route modules: a temporary folder, the
 * environment the server reads (DATABASE_URL, a vault key, the automation token), the migrated
 * schema, and its removal after the file's tests. Call it at the module's top level, before any
 * store is opened: the server reads the environment once, on first use. `env` sets (or, with
 * undefined, removes) further variables the file needs fixed.
 */
export function routeDatabase(name: string, env: Record<string, string | undefined> = {}): RouteDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), `barista-${name}-`));
  const file = path.join(dir, "barista.db");
  const automation = `test-${randomBytes(16).toString("hex")}`;
  process.env.DATABASE_URL = `file:${file}`;
  process.env.BARISTA_SECRET_KEY = randomBytes(32).toString("base64");
  process.env.BARISTA_API_TOKEN = automation;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  migrateDatabase(file);
  // Registered first, so it runs after the file's own afterAll (hooks unwind as a stack) has
  // stopped whatever still uses the database.
  afterAll(async () => {
    await disconnectDb();
    rmSync(dir, { recursive: true, force: true });
  });

  let issued = 0;
  return {
    dir,
    file,
    adminToken: automation,
    adminAuth: { authorization: `Bearer ${automation}` },
    async tokenFor(role, options = {}) {
      const value = `brst_${randomBytes(20).toString("hex")}`;
      issued += 1;
      await stores().tokens.create({ id: `tok-${issued}`, name: options.name ?? role, role, hash: hashToken(value), start: value.slice(0, 9), userId: options.userId ?? null, expiresAt: null });
      return { authorization: `Bearer ${value}` };
    },
  };
}
