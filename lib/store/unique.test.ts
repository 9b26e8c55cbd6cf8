import { afterAll, describe, expect, it } from "vitest";
import { listRegions, listSpecs } from "@/lib/catalogue";
import { systemClock } from "@/lib/core/clock";
import { ConflictError } from "@/lib/core/errors";
import { testDriverDeps } from "@/lib/drivers/testing";
import { createDriver } from "@/lib/drivers/registry";
import { SimCloud } from "@/lib/drivers/sim/cloud";
import { simConfigFromEnv } from "@/lib/drivers/sim/config";
import { connections as connectionEndpoints, provisioning as provisioningEndpoints } from "@/lib/http/endpoints";
import { TEST_AUTH_HEADERS, testRoute as route } from "@/lib/http/testing";
import { addConnection, builtinConnections } from "@/lib/provisioning/connections";
import type { ProvisioningDeps } from "@/lib/provisioning/deps";
import { createMci } from "@/lib/provisioning/mci";
import { createNamespace } from "@/lib/provisioning/namespaces";
import { testVault } from "@/lib/secrets/testing";
import type { PrismaClient } from "./generated/prisma/client";
import { stores } from "./index";
import { tempDatabase } from "./testing";
import { uniqueViolation } from "./unique";

const temp = tempDatabase();
/** Another server on the same database: its insert lands between our check and our insert. */
const other = temp.reopen();
afterAll(() => temp.cleanup());

/**
 * The client our code uses, except that just before `call` (e.g. "namespace.create") runs for
 * the first time, `competitor` inserts the same name through the other client: the race a
 * read-then-insert loses once several servers share one database.
 */
function racing(prisma: PrismaClient, call: string, competitor: () => Promise<unknown>): PrismaClient {
  let raced = false;
  const before = <F extends (...a: never[]) => unknown>(fn: F) =>
    (async (...args: Parameters<F>) => {
      if (!raced) {
        raced = true;
        await competitor();
      }
      return fn(...args);
    }) as unknown as F;
  const [model, method] = call.split(".");
  return new Proxy(prisma, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === model && method) {
        return new Proxy(value, {
          get(delegate, m) {
            const fn = Reflect.get(delegate, m, delegate);
            return m === method ? before(fn.bind(delegate)) : typeof fn === "function" ? fn.bind(delegate) : fn;
          },
        });
      }
      if (prop === call) return before(value.bind(target));
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function provisioningOver(prisma: PrismaClient): ProvisioningDeps {
  const s = stores(prisma);
  const config = simConfigFromEnv({ BARISTA_SIM_FAULTS: "off" }, systemClock);
  const sim = new SimCloud(s.sim, config);
  return { repo: s.mci, queue: s.queue, connections: s.connections, vault: testVault(s.credentials), driverFor: (c) => createDriver(c, testDriverDeps(sim)), clock: systemClock, random: Math.random, vcpuQuota: () => null, kick: () => {}, installationId: "test-installation" };
}

const post = (body: unknown) => new Request("http://x/api/v1", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...TEST_AUTH_HEADERS } });
const noParams = { params: Promise.resolve({}) };

describe("a create that loses the race for its name", () => {
  it("recognises the unique violation as the better-sqlite3 adapter reports it", async () => {
    await other.namespace.create({ data: { name: "shape", description: "", sshPublicKey: "", sshPrivateKey: "" } });
    const e = await other.namespace.create({ data: { name: "shape", description: "", sshPublicKey: "", sshPrivateKey: "" } }).catch((x: unknown) => x);
    expect(uniqueViolation(e)).toEqual({ model: "Namespace" });
    expect(uniqueViolation(new Error("disk full"))).toBeNull();
  });

  it("answers a connection 409 with the duplicate's message, not 500", async () => {
    // Through the route the insert is audited, so it runs in a transaction: the competitor lands just before it.
    const prisma = racing(temp.prisma, "$transaction", () => other.connection.create({ data: { name: "team-aws", provider: "aws", region: "us-east-1", regionKey: "aws-us-east-1", driver: "sim", credential: "default" } }));
    const deps = { repo: stores(prisma).connections, driverFor: () => { throw new Error("no driver needed"); }, clock: systemClock };
    const POST = route(connectionEndpoints.createConnection, async ({ body }) => addConnection(deps, body));
    const r = await POST(post({ provider: "aws", region: "us-east-1", name: "team-aws" }), noParams);
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: 'body.name: connection "team-aws" already exists; choose another name or remove it first', code: "Conflict", issues: [{ path: "body.name" }] });
  });

  it("answers a namespace 409 through the route, not 500, and leaves no SSH key of ours in the vault", async () => {
    // The namespace and its key are written in one transaction: the competitor's row lands just before it.
    const deps = provisioningOver(racing(temp.prisma, "$transaction", () => other.namespace.create({ data: { name: "team", description: "", sshPublicKey: "" } })));
    const POST = route(provisioningEndpoints.createNamespace, async ({ body }) => createNamespace(deps, body));
    const r = await POST(post({ name: "team" }), noParams);
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: 'body.name: namespace "team" already exists; choose another name', code: "Conflict", issues: [{ path: "body.name" }] });
    expect(await temp.prisma.credential.count({ where: { namespace: "team" } })).toBe(0);
  });

  it("answers an MCI with ConflictError and leaves none of its rows behind", async () => {
    await temp.prisma.namespace.create({ data: { name: "race", description: "", sshPublicKey: "", sshPrivateKey: "" } });
    await stores(temp.prisma).connections.createMissing(builtinConnections(listRegions()).filter((c) => c.name === "aws-us-east-1"));
    const deps = provisioningOver(racing(temp.prisma, "$transaction", () => other.mci.create({ data: { id: "mci-theirs", namespace: "race", name: "web", description: "", policy: "continue" } })));
    const spec = listSpecs("aws-us-east-1")[0];
    const created = createMci(deps, "race", { name: "web", description: "", policy: "continue", dryRun: false, subGroups: [{ region: "aws-us-east-1", specId: spec.id, count: 2 }] });
    await expect(created).rejects.toThrow(ConflictError);
    await expect(created).rejects.toMatchObject({ field: "name" });
    await expect(created).rejects.toThrow('an MCI named "web" already exists in namespace "race"; choose another name');
    expect(await temp.prisma.mci.findMany({ where: { namespace: "race" }, select: { id: true } })).toEqual([{ id: "mci-theirs" }]);
    expect(await temp.prisma.vm.count({ where: { namespace: "race" } })).toBe(0);
  });

  it("still answers a plain duplicate (no race) with the same 409", async () => {
    const repo = stores(temp.prisma).connections;
    await expect(repo.create({ name: "team-aws", provider: "aws", region: "us-east-1", regionKey: "aws-us-east-1", driver: "sim", credential: "default" })).rejects.toThrow(ConflictError);
  });
});
