import type { z } from "zod";
import { requirePrincipal, requireRole, type Principal } from "@/lib/auth";
import type { AuditScope } from "@/lib/store";
import { auditFailure, auditScopeFor, withAudit } from "./audit-request";
import { BodyParseError, describeError, HttpError } from "./errors";
import type { Endpoint } from "./endpoint";
import { guardDeps, type GuardDeps } from "./guard-deps";
import { checkMediaType, checkSameOrigin } from "./request-guard";

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  request: Request;
  /** Who asks; null only for public operations. */
  principal: Principal | null;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** No operation takes more JSON than this (a placement of 10,000 weighted users is about 600 KiB). */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

async function readBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BYTES) throw new HttpError(413, `the body is ${declared} bytes; send at most ${MAX_JSON_BYTES} bytes of JSON`, "TooLarge");
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new HttpError(413, `the body is over ${MAX_JSON_BYTES} bytes; send at most ${MAX_JSON_BYTES} bytes of JSON`, "TooLarge");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyParseError("not valid JSON; send a JSON object with Content-Type: application/json");
  }
}

async function parse<S extends z.ZodType | undefined>(schema: S, value: unknown): Promise<Out<S>> {
  if (!schema) return undefined as Out<S>;
  const result = await schema.safeParseAsync(value);
  if (!result.success) throw result.error;
  return result.data as Out<S>;
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** A change is audited unless the endpoint says otherwise (metrics ingestion); a read only when it says so. */
export function isAudited(ep: Endpoint): boolean {
  return ep.audit ?? ep.method !== "GET";
}

/** What an audit entry names as the target: the path, and the name a create gives its new thing. */
function auditTarget(url: URL, method: string, body: unknown): string {
  const b = (method === "POST" && body && typeof body === "object" ? body : {}) as { name?: unknown; email?: unknown };
  const name = typeof b.email === "string" ? b.email : typeof b.name === "string" ? b.name : null;
  return name ? `${url.pathname}/${name}`.slice(0, 300) : url.pathname;
}

/**
 * The one wrapper every REST handler goes through. In order: who asks (401) and whether the role is
 * enough, in the namespace of the path (403), before anything about the target is looked at (an
 * unknown MCI without credentials is 401, not 404); a change with a session cookie must come from the
 * console's own origin (403) with a JSON body (415); then params, query and body are validated with
 * the endpoint's zod schemas, the handler runs, and a change is audited in its own transaction.
 * Every failure becomes a 4xx/5xx whose message names the field or says what to do.
 */
export const route = routeWith(guardDeps);

/** The wrapper over a source of guard dependencies (the server's own, or a test's). */
export function routeWith(guardSource: () => GuardDeps) {
  return <P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, R extends z.ZodType | undefined>(
    ep: Endpoint<P, Q, B, R>,
    handler: (input: RouteInput<P, Q, B>) => Promise<(R extends z.ZodType ? z.input<R> : unknown) | Response>,
  ) => handle(guardSource, ep, handler);
}

function handle<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, R extends z.ZodType | undefined>(
  guardSource: () => GuardDeps,
  ep: Endpoint<P, Q, B, R>,
  handler: (input: RouteInput<P, Q, B>) => Promise<(R extends z.ZodType ? z.input<R> : unknown) | Response>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let where = "input";
    let scope: AuditScope | null = null;
    let deps: GuardDeps | null = null;
    const guard = () => (deps ??= guardSource());
    try {
      const url = new URL(request.url);
      const rawParams = (await context?.params) ?? {};
      let principal: Principal | null = null;
      if (ep.access !== "public") {
        principal = await requirePrincipal(guard().auth, request.headers);
        if (isAudited(ep)) scope = auditScopeFor(principal, `${ep.method} ${ep.path}`, url.pathname, request.headers, ep.status ?? 200);
        requireRole(principal, ep.access, typeof rawParams.ns === "string" ? rawParams.ns : undefined);
      }
      if (ep.method !== "GET") checkSameOrigin(request.headers, principal, ep.access === "public" ? undefined : guard().auth.publicUrl);
      if (ep.body || ep.rawBody) checkMediaType(request.headers, ep.rawBody?.contentType ?? "application/json");
      where = "params";
      const params = await parse(ep.params as P, rawParams);
      where = "query";
      const query = await parse(ep.query as Q, queryObject(url));
      where = "body";
      let rawBody: unknown = ep.body ? await readBody(request) : undefined;
      if (ep.bodyFromQuery && rawBody && typeof rawBody === "object" && Object.keys(rawBody).length === 0) rawBody = queryObject(url);
      const body = await parse(ep.body as B, rawBody);
      // lib/ names fields of the request body it is handed (`name`, `subGroups.0.specId`).
      where = ep.body ? "body" : "";
      const call = () => handler({ params, query, body, request, principal });
      if (scope) scope.record.target = auditTarget(url, ep.method, body);
      const result = scope ? await withAudit(guard().audit, scope, call) : await call();
      if (result instanceof Response) return result;
      return json(result, ep.status ?? 200);
    } catch (e) {
      const d = describeError(e, where || undefined);
      if (scope) await auditFailure(guard().audit, scope, d);
      const headers: Record<string, string> = d.retryAfterMs ? { "retry-after": String(Math.ceil(d.retryAfterMs / 1000)) } : {};
      return json(d.body, d.status, headers);
    }
  };
}
