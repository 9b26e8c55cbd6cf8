import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { isPostgres, type Database } from "@/lib/store";
import { ownOrigin } from "./origin";
import { SignInLimit } from "./sign-in-limit";

/** Failed or not, this many sign-ins per minute from one address; beyond it, 429. */
export const SIGN_IN_PER_MINUTE = 10;

export interface AuthOptions {
  db: Database;
  /** Signs the session cookies. */
  secret: string;
  /** Where the console is served from, when known (BARISTA_PUBLIC_URL); https makes cookies Secure. */
  publicUrl?: string;
}

/**
 * better-auth does the hard parts: password hashing (scrypt), sessions in the database, signed
 * httpOnly SameSite=Lax cookies, the sign-in rate limit. Sign-up is closed: accounts are made by
 * the setup link and by admins.
 */
export function createAuth({ db, secret, publicUrl }: AuthOptions) {
  const perAccount = new SignInLimit(SIGN_IN_PER_MINUTE, 60_000);
  return betterAuth({
    appName: "Barista",
    database: prismaAdapter(db, { provider: isPostgres(db) ? "postgresql" : "sqlite" }),
    secret,
    // Without a public URL, the console is wherever the browser reached it (localhost, a LAN name):
    // the origin each request came to is trusted for that request, the same rule as the API's.
    // A Host better-auth will not read (none in HTTP/1.0, empty, an underscore in a proxy's upstream
    // name) takes the fallback instead of throwing, which answered 500 to every request with a cookie.
    baseURL: publicUrl ?? { allowedHosts: ["*"], fallback: "http://localhost" },
    basePath: "/api/auth",
    trustedOrigins: (request) => [publicUrl, request && ownOrigin(request)],
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "viewer" },
        namespaceRoles: { type: "string", input: false, defaultValue: "{}" },
      },
    },
    session: { expiresIn: 7 * 86_400, updateAge: 86_400 },
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": { window: 60, max: SIGN_IN_PER_MINUTE } },
    },
    advanced: {
      cookiePrefix: "barista",
      useSecureCookies: publicUrl?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : "";
        const wait = perAccount.attempt(email);
        if (wait !== null) throw new APIError("TOO_MANY_REQUESTS", { message: `too many sign-in attempts for this account; wait ${wait} s and try again` }, { "retry-after": String(wait) });
      }),
    },
    // Accounts are made and changed by admins through /api/v1 (audited); better-auth serves sign-in,
    // sign-out and the session, nothing that writes a user.
    disabledPaths: ["/sign-up/email", "/update-user", "/change-email", "/change-password", "/set-password", "/delete-user", "/request-password-reset", "/reset-password", "/send-verification-email", "/verify-email", "/link-social", "/unlink-account"],
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
