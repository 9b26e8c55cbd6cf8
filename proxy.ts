import { NextResponse, type NextRequest } from "next/server";

/**
 * A fast first look at page requests: with no session cookie, no bearer token and no anonymous
 * role, go to the login page and come back to the same address after. The pages' layout makes the
 * real check (a cookie may be stale); the API's wrapper makes its own.
 */
export function proxy(request: NextRequest) {
  const signedIn = request.cookies.getAll().some((c) => c.name.endsWith("barista.session_token"));
  if (signedIn || request.headers.has("authorization") || process.env.BARISTA_ANONYMOUS_ROLE) return NextResponse.next();
  const login = new URL("/login", request.url);
  const back = request.nextUrl.pathname + request.nextUrl.search;
  if (back !== "/") login.searchParams.set("next", back);
  return NextResponse.redirect(login);
}

export const config = {
  // Pages only: not the API, the sign-in pages, Next's assets or files with an extension.
  matcher: ["/((?!api/|login|setup|_next/|.*\\..*).*)"],
};
