import type { LookupAddress } from "node:dns";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postWebhook, type WebhookOptions } from "./webhook";
import { webhookAllowSchema } from "./webhook-allow";
import type { WebhookPolicy } from "./webhook-target";

/** What the receiver on 127.0.0.1 was asked, by path. */
const hits: { path: string; body: string }[] = [];
const held: ServerResponse[] = [];
let server: Server;
let port = 0;

function answer(req: IncomingMessage, res: ServerResponse, body: string) {
  hits.push({ path: req.url ?? "", body });
  if (req.url === "/hook") res.writeHead(200).end("ok");
  else if (req.url === "/redirect") res.writeHead(302, { location: "/hook" }).end();
  else if (req.url === "/missing") res.writeHead(404, { "content-type": "text/plain" }).end("internal secret: db password is hunter2");
  else if (req.url === "/broken") res.writeHead(500).end("stack trace of an internal service");
  else if (req.url === "/silent") held.push(res);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => answer(req, res, body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const res of held) res.destroy();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  hits.length = 0;
});

/** A resolver that answers each call with the next of `answers` (the last one repeats), counting its calls. */
function dns(...answers: string[][]) {
  const calls: string[] = [];
  const resolve = async (host: string): Promise<LookupAddress[]> => {
    calls.push(host);
    return answers[Math.min(calls.length - 1, answers.length - 1)].map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { calls, resolve };
}

const fast = (policy: WebhookPolicy, more: WebhookOptions = {}): WebhookOptions => ({ policy, attempts: 3, backoffMs: [0], timeoutMs: 5_000, ...more });
const allow = (text: string) => webhookAllowSchema.parse(text);

describe("sending an alert webhook", () => {
  it("connects to the address its own lookup checked: a name only the test's resolver knows reaches the allowed receiver", async () => {
    const d = dns(["127.0.0.1"]);
    const status = await postWebhook(`http://hooks.barista.test:${port}/hook`, { state: "firing" }, fast({ allow: allow("127.0.0.1"), resolve: d.resolve }));
    expect(status).toBe("delivered (HTTP 200)");
    expect(hits).toEqual([{ path: "/hook", body: JSON.stringify({ state: "firing" }) }]);
    expect(d.calls).toEqual(["hooks.barista.test"]);
  });

  it("refuses a name that resolves to an internal address now, without connecting and without retrying", async () => {
    const d = dns(["127.0.0.1"]);
    const status = await postWebhook(`http://hooks.barista.test:${port}/hook`, {}, fast({ allow: allow(""), resolve: d.resolve }));
    expect(status).toBe("refused: hooks.barista.test resolves to 127.0.0.1, a loopback address; webhooks are not sent to internal addresses unless BARISTA_WEBHOOK_ALLOW lists them");
    expect(hits).toEqual([]);
    expect(d.calls).toHaveLength(1);
  });

  it("refuses when any address of the answer is internal, even beside a public one", async () => {
    const d = dns(["93.184.216.34", "127.0.0.1"]);
    const status = await postWebhook(`http://hooks.barista.test:${port}/hook`, {}, fast({ allow: allow(""), resolve: d.resolve }));
    expect(status).toMatch(/^refused: hooks\.barista\.test resolves to 127\.0\.0\.1, a loopback address/);
    expect(hits).toEqual([]);
  });

  it("refuses a literal internal address, and a metadata host, before any connection", async () => {
    const d = dns(["127.0.0.1"]);
    expect(await postWebhook(`http://127.0.0.1:${port}/hook`, {}, fast({ allow: allow(""), resolve: d.resolve }))).toBe(
      "refused: 127.0.0.1 is a loopback address; webhooks are not sent to internal addresses unless BARISTA_WEBHOOK_ALLOW lists them",
    );
    expect(await postWebhook(`http://[::ffff:7f00:1]:${port}/hook`, {}, fast({ allow: allow(""), resolve: d.resolve }))).toMatch(/^refused: ::ffff:7f00:1 is a loopback address/);
    expect(await postWebhook(`http://metadata.google.internal:${port}/hook`, {}, fast({ allow: allow("metadata.google.internal"), resolve: d.resolve }))).toMatch(/^refused: metadata\.google\.internal is a cloud metadata host/);
    expect(await postWebhook(`http://user:pw@127.0.0.1:${port}/hook`, {}, fast({ allow: allow("127.0.0.1"), resolve: d.resolve }))).toMatch(/^refused: a webhook URL carries no user name or password/);
    expect(hits).toEqual([]);
    expect(d.calls).toEqual([]);
  });

  it("refuses internal addresses by default, when given no policy at all", async () => {
    expect(await postWebhook(`http://127.0.0.1:${port}/hook`, {}, { attempts: 1 })).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    expect(await postWebhook(`http://localhost:${port}/hook`, {}, { attempts: 1 })).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(hits).toEqual([]);
  });

  it("never follows a redirect", async () => {
    const status = await postWebhook(`http://127.0.0.1:${port}/redirect`, {}, fast({ allow: allow("127.0.0.1") }));
    expect(status).toBe("refused (HTTP 302: a redirect, not followed)");
    expect(hits.map((h) => h.path)).toEqual(["/redirect"]);
  });

  it("records only the HTTP status, never what the receiver answered", async () => {
    expect(await postWebhook(`http://127.0.0.1:${port}/missing`, {}, fast({ allow: allow("127.0.0.1") }))).toBe("refused (HTTP 404)");
    expect(await postWebhook(`http://127.0.0.1:${port}/broken`, {}, fast({ allow: allow("127.0.0.1") }, { attempts: 2 }))).toBe("failed after 2 attempts: HTTP 500 after 2 attempts");
    expect(hits.map((h) => h.path)).toEqual(["/missing", "/broken", "/broken"]);
  });

  it("retries a receiver that cannot be reached, resolving again each time", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const d = dns(["127.0.0.1"]);
    const status = await postWebhook(`http://hooks.barista.test:${closedPort}/hook`, {}, fast({ allow: allow("hooks.barista.test"), resolve: d.resolve }, { attempts: 2 }));
    expect(status).toBe(`failed after 2 attempts: connect ECONNREFUSED 127.0.0.1:${closedPort}`);
    expect(d.calls).toHaveLength(2);
  });

  it("gives up on a receiver that does not answer within the timeout", async () => {
    const status = await postWebhook(`http://127.0.0.1:${port}/silent`, {}, fast({ allow: allow("127.0.0.1") }, { attempts: 1, timeoutMs: 200 }));
    expect(status).toBe("failed after 1 attempts: no answer within 200 ms");
    expect(hits.map((h) => h.path)).toEqual(["/silent"]);
  });
});
