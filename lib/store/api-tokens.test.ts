import { afterAll, describe, expect, it } from "vitest";
import { ApiTokenRepository } from "./api-tokens";
import { tempDatabase } from "./testing";

const db = tempDatabase();
afterAll(() => db.cleanup());
const tokens = new ApiTokenRepository(db.prisma);

describe("a token's last use", () => {
  it("is recorded once per minute at most, in one write a few seconds later", async () => {
    await tokens.create({ id: "t1", name: "ci", role: "viewer", hash: "h1", start: "brst_abcd", userId: null, expiresAt: null });
    const first = await tokens.byHash("h1");
    expect(first).toMatchObject({ id: "t1", lastUsedAt: null, user: null });
    const at = new Date("2026-12-01T10:00:00Z");
    tokens.touch(first!, at);
    tokens.touch(first!, new Date("2026-12-01T10:00:05Z"));
    expect((await tokens.byHash("h1"))!.lastUsedAt).toBeNull();
    await tokens.flushLastUsed();
    const marked = (await tokens.byHash("h1"))!;
    expect(marked.lastUsedAt).toEqual(at);
    tokens.touch(marked, new Date("2026-12-01T10:00:30Z"));
    await tokens.flushLastUsed();
    expect((await tokens.byHash("h1"))!.lastUsedAt).toEqual(at);
    tokens.touch(marked, new Date("2026-12-01T10:01:30Z"));
    await tokens.flushLastUsed();
    expect((await tokens.byHash("h1"))!.lastUsedAt).toEqual(new Date("2026-12-01T10:01:30Z"));
  });
});
