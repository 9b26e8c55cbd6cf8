import { beforeAll, describe, expect, it } from "vitest";
import { routeDatabase, type Handler } from "@/lib/http/testing/route-database";

// The real route modules over a database of this test's own, as the admin automation token.
const { adminAuth: auth } = routeDatabase("host-keys");

let list: { GET: Handler };
let one: { DELETE: Handler };
beforeAll(async () => {
  list = await import("@/app/api/v1/host-keys/route");
  one = await import("@/app/api/v1/host-keys/[hostId]/route");
});

const forget = (hostId: string) => one.DELETE(new Request(`http://x/api/v1/host-keys/${encodeURIComponent(hostId)}`, { method: "DELETE", headers: auth }), { params: Promise.resolve({ hostId }) });

describe("pinned host keys", () => {
  it("pins the first key, refuses another naming how to forget it, and forgetting lets the next key in", async () => {
    const { runtime } = await import("@/lib/server");
    const pins = runtime().stores.hostKeys;
    expect(await pins.check("10.0.0.5:22", "SHA256:first")).toBeNull();
    expect(await pins.check("10.0.0.5:22", "SHA256:first")).toBeNull();
    const refusal = await pins.check("10.0.0.5:22", "SHA256:other");
    expect(refusal).toMatch(/changed: it was SHA256:first .* now it is SHA256:other/);
    expect(refusal).toContain("DELETE /api/v1/host-keys/10.0.0.5%3A22");

    const listed = await (await list.GET(new Request("http://x/api/v1/host-keys", { headers: auth }), { params: Promise.resolve({}) })).json();
    expect(listed).toEqual([{ hostId: "10.0.0.5:22", fingerprint: "SHA256:first", pinnedAt: expect.any(String) }]);

    expect((await forget("10.0.0.5:22")).status).toBe(204);
    expect(await pins.check("10.0.0.5:22", "SHA256:other")).toBeNull();
  });

  it("answers 404 for a host with no pin and 400 for something that is not host:port", async () => {
    const missing = await forget("10.9.9.9:22");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/no key is pinned for 10\.9\.9\.9:22/);
    const bad = await forget("not a host");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/host:port/);
  });
});
