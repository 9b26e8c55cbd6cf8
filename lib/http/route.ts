import type { z } from "zod";
import { BodyParseError, describeError } from "./errors";
import type { Endpoint } from "./endpoint";

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  request: Request;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
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

/**
 * The one wrapper every REST handler goes through: it validates params, query and body with the
 * endpoint's zod schemas, calls the handler, and turns every failure into a 4xx/5xx with a message
 * that names the field or says what to do. A handler returns data, or a Response for special cases.
 */
export function route<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, R extends z.ZodType | undefined>(
  ep: Endpoint<P, Q, B, R>,
  handler: (input: RouteInput<P, Q, B>) => Promise<(R extends z.ZodType ? z.input<R> : unknown) | Response>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let where = "input";
    try {
      const url = new URL(request.url);
      where = "params";
      const params = await parse(ep.params as P, await context.params);
      where = "query";
      const query = await parse(ep.query as Q, queryObject(url));
      where = "body";
      let rawBody: unknown = ep.body ? await readBody(request) : undefined;
      if (ep.bodyFromQuery && rawBody && typeof rawBody === "object" && Object.keys(rawBody).length === 0) rawBody = queryObject(url);
      const body = await parse(ep.body as B, rawBody);
      // lib/ names fields of the request body it is handed (`name`, `subGroups.0.specId`).
      where = ep.body ? "body" : "";
      const result = await handler({ params, query, body, request });
      if (result instanceof Response) return result;
      return json(result, ep.status ?? 200);
    } catch (e) {
      const d = describeError(e, where || undefined);
      const headers: Record<string, string> = d.retryAfterMs ? { "retry-after": String(Math.ceil(d.retryAfterMs / 1000)) } : {};
      return json(d.body, d.status, headers);
    }
  };
}
