/** The host a request was addressed to, as the browser saw it: a proxy's X-Forwarded-Host first, else Host. */
export function addressedHost(headers: Headers): string | null {
  return headers.get("x-forwarded-host")?.split(",")[0].trim() || headers.get("host");
}

/** The origin a request was addressed to (scheme from X-Forwarded-Proto when a proxy set it). */
export function ownOrigin(request: Request): string | null {
  const host = addressedHost(request.headers);
  if (!host) return null;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim() || new URL(request.url).protocol.replace(":", "");
  return `${proto}://${host}`;
}
