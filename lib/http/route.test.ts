import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConflictError, NotFoundError, ThrottledError } from "@/lib/core/errors";
import { endpoint } from "./endpoint";
import { route } from "./route";

const ep = endpoint({
  method: "POST",
  path: "/api/v1/things/{id}",
  tag: "test",
  access: "public",
  summary: "test",
  params: z.object({ id: z.string().regex(/^t-\d+$/, "an id looks like t-1") }),
  query: z.object({ verbose: z.enum(["yes", "no"]).default("no") }),
  body: z.object({ count: z.number().int().min(1, "count is at least 1") }),
  response: z.object({ id: z.string(), count: z.number() }),
  status: 201,
});

const call = (handler: ReturnType<typeof route>, url: string, body: string, id = "t-1") =>
  handler(new Request(`http://x${url}`, { method: "POST", body, headers: { "content-type": "application/json" } }), { params: Promise.resolve({ id }) });

describe("the route wrapper", () => {
  const ok = route(ep, async ({ params, body }) => ({ id: params.id, count: body.count }));

  it("answers the handler's data with the endpoint's status", async () => {
    const r = await call(ok, "/api/v1/things/t-1", JSON.stringify({ count: 2 }));
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ id: "t-1", count: 2 });
  });

  it("answers 400 naming the field, for params, query and body", async () => {
    const body = await call(ok, "/", JSON.stringify({ count: 0 }));
    expect(body.status).toBe(400);
    expect((await body.json()).error).toBe("body.count: count is at least 1");
    const params = await call(ok, "/", JSON.stringify({ count: 1 }), "nope");
    expect((await params.json()).error).toMatch(/^params\.id: an id looks like t-1/);
    const query = await call(ok, "/?verbose=maybe", JSON.stringify({ count: 1 }));
    expect((await query.json()).error).toMatch(/^query\.verbose: /);
    const notJson = await call(ok, "/", "{count:");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/^body: not valid JSON/);
  });

  it("maps typed cloud errors to their status, with Retry-After when throttled, and hides anything else", async () => {
    const missing = await call(route(ep, async () => Promise.reject(new NotFoundError("no thing t-1"))), "/", JSON.stringify({ count: 1 }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("no thing t-1");
    const slow = await call(route(ep, async () => Promise.reject(new ThrottledError("slow down", 2_500))), "/", JSON.stringify({ count: 1 }));
    expect(slow.status).toBe(429);
    expect(slow.headers.get("retry-after")).toBe("3");
    const boom = await call(route(ep, async () => Promise.reject(new Error("secret stack detail"))), "/", JSON.stringify({ count: 1 }));
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(text).toMatch(/internal error \(ref [0-9a-f]{8}\)/);
    expect(text).not.toContain("secret");
  });

  it("answers a lib error about a field of the body as an issue at that field's path", async () => {
    const taken = await call(route(ep, async () => Promise.reject(new ConflictError('a thing named "t-1" already exists', "count"))), "/", JSON.stringify({ count: 1 }));
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({ error: 'body.count: a thing named "t-1" already exists', code: "Conflict", issues: [{ path: "body.count", message: 'a thing named "t-1" already exists' }] });
  });
});
