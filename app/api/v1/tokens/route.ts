import { issueToken, listTokens, must } from "@/lib/auth";
import { accounts as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = route(ep.createToken, async ({ body, principal }) => issueToken(runtime().auth, must(principal), body));

export const GET = route(ep.listTokens, async ({ principal }) => listTokens(runtime().auth, must(principal)));
