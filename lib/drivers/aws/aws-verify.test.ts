import { createServer, type Server, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "@/lib/core/clock";
import { CloudError } from "@/lib/core/errors";
import { verifyConnection } from "@/lib/provisioning";
import { freePort } from "@/lib/remote/testing/sshd.mjs";
import { stores } from "@/lib/store";
import { tempDatabase } from "@/lib/store/testing";
import { AwsDriver } from "./aws-driver";

// No mock here: the real SDK client, its HTTP handler and its retry strategy meet a local endpoint
// that refuses or never answers, as a server with no route to AWS would see it.
const temp = tempDatabase();
const servers: Server[] = [];
const sockets: Socket[] = [];
afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  for (const s of servers) await new Promise((r) => s.close(r));
  await temp.cleanup();
});

const CONNECTION = { name: "aws-offline", driver: "aws", provider: "aws", region: "us-east-1", credential: "aws-offline" };
const KEYS = async () => ({ accessKeyId: "AKIAOFFLINE", secretAccessKey: "offline-secret" });

async function failure(p: Promise<unknown>): Promise<CloudError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CloudError);
  return e as CloudError;
}

describe("verify with no route to AWS", () => {
  it("answers a typed, retryable Unavailable that says AWS could not be reached when the connection is refused", async () => {
    const port = await freePort();
    const driver = new AwsDriver(CONNECTION, KEYS, { endpoint: `http://127.0.0.1:${port}` });
    const e = await failure(driver.verify());
    expect([e.code, e.retryable]).toEqual(["Unavailable", true]);
    expect(e.message).toMatch(/^DescribeRegions: AWS could not be reached \(ECONNREFUSED/);
    expect(e.message).not.toContain("offline-secret");
  });

  it("tries once and gives up on an endpoint that never answers, within the request timeout", async () => {
    let connections = 0;
    const silent = createServer((socket) => {
      connections++;
      sockets.push(socket);
      socket.on("error", () => undefined);
    });
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as { port: number }).port;
    const driver = new AwsDriver(CONNECTION, KEYS, { endpoint: `http://127.0.0.1:${port}`, requestTimeoutMs: 300 });
    const e = await failure(driver.verify());
    expect([e.code, e.retryable]).toEqual(["Unavailable", true]);
    expect(e.message).toMatch(/AWS could not be reached/);
    expect(connections).toBe(1);
  });

  it("makes the verify endpoint's answer ok: false with that message, recorded on the connection", async () => {
    const repo = stores(temp.prisma).connections;
    await repo.create({ ...CONNECTION, regionKey: "aws-us-east-1" });
    const port = await freePort();
    const answer = await verifyConnection({ repo, clock: systemClock, driverFor: (c) => new AwsDriver(c, KEYS, { endpoint: `http://127.0.0.1:${port}` }) }, CONNECTION.name);
    expect(answer).toMatchObject({ ok: false, code: "Unavailable", regionFound: false, connection: CONNECTION.name });
    expect(answer.message).toMatch(/AWS could not be reached/);
    expect(await repo.get(CONNECTION.name)).toMatchObject({ verifyOk: false, verifyMessage: answer.message });
  });
});
