import { describeCaller, must } from "@/lib/auth";
import { accounts as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.me, async ({ principal }) => describeCaller(runtime().auth, must(principal)));
