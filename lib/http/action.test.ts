import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConflictError, InvalidArgumentError } from "@/lib/core/errors";
import { systemClock } from "@/lib/core/clock";
import type { AuthDeps } from "@/lib/auth";
import type { AuditRepository } from "@/lib/store";
import { actionWrapper } from "./action";
import { endpoint } from "./endpoint";

const TOKEN = "automation-token-for-tests";
const appended: { result: string; action: string; status: number }[] = [];
const auth = { automationToken: TOKEN, anonymousRole: "viewer", state: { hasUsers: true }, clock: systemClock } as unknown as AuthDeps;
const audit = { append: async (r: { action: string; status: number }, result: string) => void appended.push({ ...r, result }) } as unknown as AuditRepository;
const as = (headers: Record<string, string>) => actionWrapper(async () => ({ headers: new Headers(headers), deps: { auth, audit } }));
const validatedAction = as({ authorization: `Bearer ${TOKEN}` });
const anonymous = as({});
const ep = endpoint({ method: "POST", path: "/api/v1/ns/{ns}/things", tag: "test", access: "operator", summary: "test", status: 201 });
const open = { access: "viewer" } as const;

const input = z.object({ ns: z.string().min(1, "a namespace is required"), mci: z.object({ name: z.string().min(1, "a name is required") }) });

describe("the action wrapper", () => {
  it("answers invalid input with one issue per problem, paths from the top of the input", async () => {
    const act = validatedAction(input, async () => "made", open);
    expect(await act({ ns: "", mci: { name: "" } })).toEqual({
      ok: false,
      error: "ns: a namespace is required; mci.name: a name is required",
      issues: [
        { path: "ns", message: "a namespace is required" },
        { path: "mci.name", message: "a name is required" },
      ],
    });
  });

  it("places a lib error about a field of the request under the key that holds the request", async () => {
    const taken = validatedAction(input, async () => Promise.reject(new ConflictError('an MCI named "web" already exists', "name")), { ...open, body: "mci" });
    expect(await taken({ ns: "default", mci: { name: "web" } })).toEqual({
      ok: false,
      error: 'mci.name: an MCI named "web" already exists',
      issues: [{ path: "mci.name", message: 'an MCI named "web" already exists' }],
    });
    const spec = validatedAction(input, async () => Promise.reject(new InvalidArgumentError('no spec "x"', "subGroups.1.specId")), { ...open, body: "mci" });
    expect(await spec({ ns: "default", mci: { name: "web" } })).toMatchObject({ issues: [{ path: "mci.subGroups.1.specId" }] });
  });

  it("answers an error about no field with its message and no issue", async () => {
    const refused = validatedAction(input, async () => Promise.reject(new ConflictError("MCI web is being deleted")), open);
    expect(await refused({ ns: "default", mci: { name: "web" } })).toEqual({ ok: false, error: "MCI web is being deleted", issues: [] });
  });

  it("refuses a caller without credentials (401) and a role that is not enough (403) before validating", async () => {
    const act = anonymous(input, async () => "made", { endpoint: ep, target: ({ ns }) => `/api/v1/ns/${ns}/things` });
    expect(await act({ ns: "", mci: { name: "" } })).toMatchObject({ ok: false, error: expect.stringContaining("needs the operator role") });
    const read = anonymous(input, async () => "read", open);
    expect(await read({ ns: "default", mci: { name: "web" } })).toEqual({ ok: true, data: "read" });
    const nobody = actionWrapper(async () => ({ headers: new Headers(), deps: { auth: { ...auth, anonymousRole: null }, audit } }));
    expect(await nobody(input, async () => "read", open)({ ns: "default", mci: { name: "web" } })).toMatchObject({ ok: false, error: expect.stringContaining("sign in") });
  });

  it("audits a change under its REST name, and a refusal with its status", async () => {
    appended.length = 0;
    const act = validatedAction(input, async () => "made", { endpoint: ep, target: ({ ns, mci }) => `/api/v1/ns/${ns}/things/${mci.name}` });
    expect(await act({ ns: "default", mci: { name: "web" } })).toEqual({ ok: true, data: "made" });
    const refused = anonymous(input, async () => "made", { endpoint: ep, target: ({ ns }) => `/api/v1/ns/${ns}/things` });
    await refused({ ns: "default", mci: { name: "web" } });
    expect(appended).toMatchObject([
      { action: "POST /api/v1/ns/{ns}/things", target: "/api/v1/ns/default/things/web", actor: "BARISTA_API_TOKEN", result: "ok", status: 201 },
      { action: "POST /api/v1/ns/{ns}/things", actor: "anonymous", status: 403, result: expect.stringMatching(/^refused: this needs the operator role/) },
    ]);
  });
});
