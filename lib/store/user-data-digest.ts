import Database from "better-sqlite3";
import { createHash } from "node:crypto";

/**
 * What a user made or changed through the API, table by table: the rows a refused request must
 * leave as they were. Observed state (a VM's status, metrics, events, the audit log, which a
 * refusal appends to on purpose) and bookkeeping (a token's last use) are left out.
 */
export const USER_DATA: Record<string, string> = {
  Connection: `SELECT * FROM "Connection" ORDER BY "name"`,
  Namespace: `SELECT * FROM "Namespace" ORDER BY "name"`,
  Mci: `SELECT * FROM "Mci" ORDER BY "id"`,
  SubGroup: `SELECT * FROM "SubGroup" ORDER BY "id"`,
  Vm: `SELECT "id", "mciId", "subGroupId", "namespace", "name", "connection", "specId", "imageId", "desired", "rebootWanted" FROM "Vm" ORDER BY "id"`,
  AlertRule: `SELECT * FROM "AlertRule" ORDER BY "id"`,
  User: `SELECT * FROM "User" ORDER BY "id"`,
  Account: `SELECT "id", "userId", "providerId", "password" FROM "Account" ORDER BY "id"`,
  ApiToken: `SELECT "id", "name", "role", "hash", "userId", "expiresAt" FROM "ApiToken" ORDER BY "id"`,
  Credential: `SELECT * FROM "Credential" ORDER BY "name"`,
  SharedResource: `SELECT * FROM "SharedResource" ORDER BY "id"`,
};

export interface UserDataDigest {
  /** One SHA-256 per table, so a difference names the table. */
  tables: Record<string, string>;
  rows: Record<string, number>;
}

/**
 * Reads the tables of USER_DATA from the database file on a connection of its own (read-only),
 * so it sees what was committed, whatever the server's client holds.
 */
export function userDataDigest(file: string): UserDataDigest {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables: Record<string, string> = {};
    const rows: Record<string, number> = {};
    for (const [table, sql] of Object.entries(USER_DATA)) {
      const all = db.prepare(sql).raw().all();
      rows[table] = all.length;
      tables[table] = createHash("sha256")
        .update(JSON.stringify(all, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : Buffer.isBuffer(v) ? v.toString("base64") : v)))
        .digest("hex");
    }
    return { tables, rows };
  } finally {
    db.close();
  }
}
