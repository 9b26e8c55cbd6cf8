import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy, strictTransportSecurity } from "@/lib/http/security-headers";

const OPEN_PAGES = ["/login", "/setup"];
/** InfluxDB's own paths (lib/http/endpoints/influx.ts): agents call them, not browsers, and their routes answer 401 for themselves. */
const INFLUX_PATHS = ["/write", "/query", "/ping"];

/**
 * Every page request: a Content-Security-Policy with a fresh nonce (Next.js reads it from the
 * request and puts it on its scripts), and, with no session cookie, no bearer token and no
 * anonymous role, a trip to the login page that comes back to the same address. InfluxDB's paths
 * are data, not pages: they pass untouched (a client sending ?u=&p= has no header to show). The console's
 * layout makes the real check (a cookie may be stale); the API's wrapper makes its own.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (INFLUX_PATHS.includes(pathname)) return NextResponse.next();
  const signedIn = request.cookies.getAll().some((c) => c.name.endsWith("barista.session_token"));
  if (!OPEN_PAGES.includes(pathname) && !signedIn && !request.headers.has("authorization") && !process.env.BARISTA_ANONYMOUS_ROLE) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", pathname + search);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = pageContentSecurityPolicy(nonce, process.env.NEXT_PUBLIC_BARISTA_TILE_URL);
  const forward = new Headers(request.headers);
  forward.set("x-nonce", nonce);
  forward.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: forward } });
  response.headers.set("content-security-policy", csp);
  const hsts = strictTransportSecurity(request.headers, request.nextUrl, process.env.BARISTA_PUBLIC_URL);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Pages only: not the API, Next's assets or files with an extension. nosniff, the frame and referrer
  // policies come from next.config.js for every answer, pages included.
  matcher: ["/((?!api/|_next/|.*\\..*).*)"],
};
