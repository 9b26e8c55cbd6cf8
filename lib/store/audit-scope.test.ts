import { afterAll, describe, expect, it } from "vitest";
import { AuditRepository } from "./audit";
import { inTransaction, runAudited, type AuditScope } from "./audit-scope";
import { ConnectionRepository } from "./connections";
import { tempDatabase } from "./testing";

const db = tempDatabase();
afterAll(() => db.cleanup());
const connections = new ConnectionRepository(db.prisma);
const audit = new AuditRepository(db.prisma);

const scope = (target: string): AuditScope => ({
  record: { actor: "ada@example.com", actorId: "u1", role: "admin", tokenId: null, action: "POST /api/v1/connections", target, source: "127.0.0.1", status: 201 },
  written: false,
});
const entries = () => audit.list({ limit: 100 });
const connection = (name: string) => ({ name, provider: "aws", region: "us-east-1", regionKey: "aws-us-east-1", driver: "sim", credential: "default" });

describe("an audited change", () => {
  it("writes its entry with the change, once, and marks the request's record written", async () => {
    const s = scope("/api/v1/connections/one");
    await runAudited(s, () => connections.create(connection("one")));
    expect(s.written).toBe(true);
    expect(await entries()).toMatchObject([{ actor: "ada@example.com", target: "/api/v1/connections/one", result: "ok", status: 201 }]);
    expect(await connections.find("one")).not.toBeNull();
  });

  it("writes no entry when the change fails (a duplicate), so the caller records the refusal", async () => {
    const s = scope("/api/v1/connections/one");
    await expect(runAudited(s, () => connections.create(connection("one")))).rejects.toThrow(/already exists/);
    expect(s.written).toBe(false);
    expect(await entries()).toHaveLength(1);
  });

  it("rolls the entry back with the change when the transaction fails after writing", async () => {
    const s = scope("/api/v1/connections/two");
    const failing = runAudited(s, () =>
      inTransaction(db.prisma, async (tx) => {
        await tx.connection.create({ data: connection("two") });
        throw new Error("the cloud said no");
      }),
    );
    await expect(failing).rejects.toThrow("the cloud said no");
    expect(await connections.find("two")).toBeNull();
    expect(await entries()).toHaveLength(1);
  });

  it("writes nothing to the log outside a request (the reconciler, start-up)", async () => {
    await connections.create(connection("three"));
    expect(await entries()).toHaveLength(1);
  });
});

describe("reading the audit log", () => {
  it("filters by parts of the actor, action and target whatever their case, on either database", async () => {
    expect(await audit.list({ limit: 10, actor: "ADA@Example" })).toHaveLength(1);
    expect(await audit.list({ limit: 10, action: "post /API" })).toHaveLength(1);
    expect(await audit.list({ limit: 10, target: "connections/ONE" })).toHaveLength(1);
    expect(await audit.list({ limit: 10, target: "connections/two" })).toHaveLength(0);
  });
});
