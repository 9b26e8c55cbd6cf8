import { agentCredential } from "@/lib/auth";
import type { InfluxV2Error } from "@/lib/validation/influx";
import { json } from "./route";
import type { RouteHandler } from "./route-modules";

/** Which InfluxDB API a route speaks: 1.x (/write, /query, /ping) or 2.x (/api/v2/write). */
export type InfluxApi = "v1" | "v2";

const HOW = "InfluxDB clients: Authorization: Token <token>, the token as the basic auth password, or p=<token>";

/** InfluxDB 2.x's error codes by status (its `code` field). */
const V2_CODES: Record<number, string> = {
  400: "invalid",
  401: "unauthorized",
  403: "forbidden",
  404: "not found",
  405: "method not allowed",
  409: "conflict",
  413: "request too large",
  415: "unsupported media type",
  422: "unprocessable entity",
  429: "too many requests",
  503: "unavailable",
};

/** Media types InfluxDB clients label line protocol with (curl's default is a form): read as text, as InfluxDB does. */
const LINE_PROTOCOL_AS = new Set(["", "application/x-www-form-urlencoded", "application/octet-stream"]);

interface Described {
  error?: unknown;
  accepted?: unknown;
  rejectedCount?: unknown;
  rejected?: { line?: unknown }[];
}

/** An error in the shape the API's clients read: `{error}` (1.x) or `{code, message}` (2.x). */
export function influxError(api: InfluxApi, status: number, message: string, extra: { line?: number; maxLength?: number; headers?: HeadersInit } = {}): Response {
  if (api === "v1") return json({ error: message }, status, extra.headers);
  const body: InfluxV2Error = { code: V2_CODES[status] ?? (status >= 500 ? "internal error" : "invalid"), message };
  if (extra.line !== undefined) body.line = extra.line;
  if (extra.maxLength !== undefined) body.maxLength = extra.maxLength;
  return json(body, status, extra.headers);
}

async function reshape(api: InfluxApi, answer: Response, noCredentials: boolean, maxLength: number | undefined): Promise<Response> {
  const text = await answer.text();
  let d: Described = {};
  try {
    d = JSON.parse(text) as Described;
  } catch {
    d = { error: text };
  }
  let message = typeof d.error === "string" && d.error ? d.error : `the request failed with status ${answer.status}`;
  if (answer.status === 401) message = noCredentials ? `${message} (${HOW})` : message.replace(/^the bearer token/, "the token");
  const line = typeof d.rejected?.[0]?.line === "number" ? d.rejected[0].line : undefined;
  // InfluxDB 1.x words a bad batch so: older Telegraf releases drop such a batch instead of retrying it forever.
  if (api === "v1" && typeof d.rejectedCount === "number") message = `${typeof d.accepted === "number" && d.accepted > 0 ? "partial write" : "unable to parse"}: ${message}`;
  const retryAfter = answer.headers.get("retry-after");
  return influxError(api, answer.status, message, { line, maxLength: answer.status === 413 ? maxLength : undefined, headers: retryAfter ? { "retry-after": retryAfter } : undefined });
}

/**
 * Serves a guarded route to InfluxDB clients unchanged: the token they send (Token, basic auth,
 * u/p) becomes the bearer token the route's guard reads, cookies are dropped (an agent has none,
 * and a browser's must not write here), line protocol sent with a form's or no media type is
 * read as text, and every error answers in the API's own shape. A 401 carries no
 * WWW-Authenticate: a browser must never be led to remember Basic credentials for this host.
 */
export function influxCompatible(api: InfluxApi, handler: RouteHandler, options: { lineProtocol?: boolean; maxBytes?: number } = {}): RouteHandler {
  return async (request, context) => {
    const url = new URL(request.url);
    const credential = agentCredential(request.headers, url.searchParams);
    if (credential && "invalid" in credential) return influxError(api, 401, credential.invalid);
    const headers = new Headers(request.headers);
    headers.delete("cookie");
    headers.delete("authorization");
    if (credential) headers.set("authorization", `Bearer ${credential.token}`);
    // The token goes no further than the guard.
    url.searchParams.delete("u");
    url.searchParams.delete("p");
    if (options.lineProtocol && LINE_PROTOCOL_AS.has((headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase())) headers.set("content-type", "text/plain");
    const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
    const inner = new Request(url, { method: request.method, headers, body: hasBody ? request.body : null, ...(hasBody ? { duplex: "half" } : {}) } as RequestInit);
    const answer = await handler(inner, context);
    return answer.status < 400 ? answer : reshape(api, answer, credential === null, options.maxBytes);
  };
}
