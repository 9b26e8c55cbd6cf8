import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/core/errors";
import { runAudited, stores, type AuditScope } from "@/lib/store";
import { tempDatabase } from "@/lib/store/testing";
import { describeCaller } from "./caller";
import type { Principal } from "./principal";
import { listSessions, revokeSession } from "./sessions";

const temp = tempDatabase();
const s = stores(temp.prisma);
afterAll(() => temp.cleanup());

const HOUR = 3_600_000;
const now = Date.now();

async function addUser(id: string, role = "operator") {
  await s.users.create({ id, name: `User ${id}`, email: `${id}@example.com`, role, namespaceRoles: role === "operator" ? '{"prod":"viewer"}' : "{}", passwordHash: "not-a-real-hash" });
}

async function addSession(id: string, userId: string, o: { seenAgoH: number; expiresInH?: number; ua?: string | null }) {
  await temp.prisma.session.create({
    data: {
      id,
      userId,
      token: `cookie-value-${id}`,
      createdAt: new Date(now - (o.seenAgoH + 1) * HOUR),
      updatedAt: new Date(now - o.seenAgoH * HOUR),
      expiresAt: new Date(now + (o.expiresInH ?? 24) * HOUR),
      ipAddress: "127.0.0.1",
      userAgent: o.ua === undefined ? "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0 Safari/537.36" : o.ua,
    },
  });
}

const userP = (userId: string, sessionId?: string): Principal => ({ kind: "user", userId, name: `${userId}@example.com`, role: "operator", tokenId: null, sessionId, namespaceRoles: {} });
const automation: Principal = { kind: "automation", userId: null, name: "BARISTA_API_TOKEN", role: "admin", tokenId: null, namespaceRoles: {} };
const anonymous: Principal = { kind: "anonymous", userId: null, name: "anonymous", role: "viewer", tokenId: null, namespaceRoles: {} };

beforeAll(async () => {
  await addUser("ada");
  await addUser("bob", "viewer");
  await addSession("ada-laptop", "ada", { seenAgoH: 1 });
  await addSession("ada-phone", "ada", { seenAgoH: 5, ua: null });
  await addSession("ada-desk", "ada", { seenAgoH: 3 });
  await addSession("ada-old", "ada", { seenAgoH: 30, expiresInH: -1 });
  await addSession("bob-laptop", "bob", { seenAgoH: 2 });
});

describe("listing sessions", () => {
  it("lists the caller's live sessions only, the one asking first, then the most recently seen", async () => {
    const list = await listSessions(s, userP("ada", "ada-desk"));
    expect(list.map((v) => v.id)).toEqual(["ada-desk", "ada-laptop", "ada-phone"]);
    expect(list.map((v) => v.current)).toEqual([true, false, false]);
  });

  it("marks none as current when the caller did not come with a session (a token of the user)", async () => {
    const list = await listSessions(s, { ...userP("ada"), kind: "token", tokenId: "t1", name: "ci" });
    expect(list.map((v) => v.id)).toEqual(["ada-laptop", "ada-desk", "ada-phone"]);
    expect(list.every((v) => !v.current)).toBe(true);
  });

  it("shows when, where and what signed in, and never the cookie's value", async () => {
    const [desk] = await listSessions(s, userP("ada", "ada-desk"));
    expect(desk).toEqual({
      id: "ada-desk",
      createdAt: new Date(now - 4 * HOUR).toISOString(),
      lastSeenAt: new Date(now - 3 * HOUR).toISOString(),
      expiresAt: new Date(now + 24 * HOUR).toISOString(),
      ipAddress: "127.0.0.1",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0 Safari/537.36",
      current: true,
    });
    const all = JSON.stringify(await listSessions(s, userP("ada")));
    expect(all).not.toContain("cookie-value");
    expect(all).not.toContain("token");
  });

  it("has nothing for the automation token and anonymous readers", async () => {
    expect(await listSessions(s, automation)).toEqual([]);
    expect(await listSessions(s, anonymous)).toEqual([]);
  });
});

describe("revoking a session", () => {
  it("refuses another user's session as if it did not exist, and keeps it", async () => {
    await expect(revokeSession(s, userP("ada", "ada-desk"), "bob-laptop")).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeSession(s, automation, "bob-laptop")).rejects.toThrow(/no session "bob-laptop" of yours/);
    expect((await listSessions(s, userP("bob"))).map((v) => v.id)).toEqual(["bob-laptop"]);
  });

  it("writes no successful audit entry for a refused revoke", async () => {
    const scope: AuditScope = { record: { actor: "ada@example.com", actorId: "ada", role: "operator", tokenId: null, action: "DELETE /api/v1/sessions/{id}", target: "/api/v1/sessions/bob-laptop", source: null, status: 204 }, written: false };
    await expect(runAudited(scope, () => revokeSession(s, userP("ada"), "bob-laptop"))).rejects.toBeInstanceOf(NotFoundError);
    expect(scope.written).toBe(false);
    expect(await temp.prisma.auditEntry.count({ where: { target: "/api/v1/sessions/bob-laptop" } })).toBe(0);
  });

  it("ends one of the caller's own sessions, says whether it was the one asking, and audits it with the change", async () => {
    const scope: AuditScope = { record: { actor: "ada@example.com", actorId: "ada", role: "operator", tokenId: null, action: "DELETE /api/v1/sessions/{id}", target: "/api/v1/sessions/ada-phone", source: null, status: 204 }, written: false };
    expect(await runAudited(scope, () => revokeSession(s, userP("ada", "ada-desk"), "ada-phone"))).toEqual({ current: false });
    expect(await temp.prisma.auditEntry.count({ where: { target: "/api/v1/sessions/ada-phone", result: "ok" } })).toBe(1);
    expect(await revokeSession(s, userP("ada", "ada-desk"), "ada-desk")).toEqual({ current: true });
    expect((await listSessions(s, userP("ada"))).map((v) => v.id)).toEqual(["ada-laptop"]);
    await expect(revokeSession(s, userP("ada"), "ada-desk")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("describing the caller", () => {
  it("gives a user's own record, a token's owner, and nobody for automation", async () => {
    const me = await describeCaller(s, userP("ada", "ada-laptop"));
    expect(me).toMatchObject({ kind: "user", name: "ada@example.com", role: "operator", tokenId: null, user: { id: "ada", name: "User ada", email: "ada@example.com", role: "operator", namespaceRoles: { prod: "viewer" } } });
    const token = await describeCaller(s, { kind: "token", userId: "bob", name: "ci", role: "viewer", tokenId: "t9", namespaceRoles: {} });
    expect(token).toMatchObject({ kind: "token", name: "ci", tokenId: "t9", user: { email: "bob@example.com" } });
    expect(await describeCaller(s, automation)).toEqual({ kind: "automation", name: "BARISTA_API_TOKEN", role: "admin", namespaceRoles: {}, tokenId: null, user: null });
  });
});
