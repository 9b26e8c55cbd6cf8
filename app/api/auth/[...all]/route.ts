import { toNextJsHandler } from "better-auth/next-js";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

// better-auth's own endpoints (sign in, sign out, session); sign-up is closed.
const handler = (request: Request) => runtime().auth.auth.handler(request);

export const { GET, POST } = toNextJsHandler(handler);
