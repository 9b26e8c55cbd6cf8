import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConflictError, InvalidArgumentError } from "@/lib/core/errors";
import { validatedAction } from "./action";

const input = z.object({ ns: z.string().min(1, "a namespace is required"), mci: z.object({ name: z.string().min(1, "a name is required") }) });

describe("the action wrapper", () => {
  it("answers invalid input with one issue per problem, paths from the top of the input", async () => {
    const act = validatedAction(input, async () => "made");
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
    const taken = validatedAction(input, async () => Promise.reject(new ConflictError('an MCI named "web" already exists', "name")), { body: "mci" });
    expect(await taken({ ns: "default", mci: { name: "web" } })).toEqual({
      ok: false,
      error: 'mci.name: an MCI named "web" already exists',
      issues: [{ path: "mci.name", message: 'an MCI named "web" already exists' }],
    });
    const spec = validatedAction(input, async () => Promise.reject(new InvalidArgumentError('no spec "x"', "subGroups.1.specId")), { body: "mci" });
    expect(await spec({ ns: "default", mci: { name: "web" } })).toMatchObject({ issues: [{ path: "mci.subGroups.1.specId" }] });
  });

  it("answers an error about no field with its message and no issue", async () => {
    const refused = validatedAction(input, async () => Promise.reject(new ConflictError("MCI web is being deleted")));
    expect(await refused({ ns: "default", mci: { name: "web" } })).toEqual({ ok: false, error: "MCI web is being deleted", issues: [] });
  });
});
