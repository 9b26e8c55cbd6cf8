import { ForbiddenError, UnsupportedMediaTypeError } from "@/lib/core/errors";
import { addressedHost, type Principal } from "@/lib/auth";

/**
 * A browser attaches the session cookie to any site's request, so a change made with a cookie
 * must come from the console's own pages: the Origin names this host (or the configured public
 * URL), or, without Origin, Sec-Fetch-Site says same-origin. A bearer token is never attached by
 * a browser on its own, so token requests need no such check.
 */
export function checkSameOrigin(headers: Headers, principal: Principal | null, publicUrl?: string): void {
  if (principal && (principal.kind === "token" || principal.kind === "automation")) return;
  const origin = headers.get("origin");
  const site = headers.get("sec-fetch-site");
  if (origin) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      // "null" (a sandboxed frame) or garbage: not this console
    }
    if (host && (host === addressedHost(headers) || (publicUrl && origin === new URL(publicUrl).origin))) return;
    throw new ForbiddenError(`a request from ${origin} may not change anything here: changes with a session cookie must come from the console's own pages (scripts use a bearer token)`);
  }
  if (site && site !== "same-origin" && site !== "none") throw new ForbiddenError(`a ${site} request may not change anything here: changes with a session cookie must come from the console's own pages`);
}

const mediaType = (headers: Headers) => (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  return length !== null ? Number(length) > 0 : headers.has("transfer-encoding");
}

/** 415 unless a body is JSON (or, for an operation that reads another type, that type). */
export function checkMediaType(headers: Headers, expected: string): void {
  if (!hasBody(headers)) return;
  const type = mediaType(headers);
  const ok = expected === "application/json" ? type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type) : type === expected;
  if (!ok) throw new UnsupportedMediaTypeError(`the body is ${type ? `"${type}"` : "of no declared type"}; send it as ${expected} with Content-Type: ${expected}`);
}
