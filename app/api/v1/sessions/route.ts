import { listSessions, must } from "@/lib/auth";
import { accounts as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.listSessions, async ({ principal }) => listSessions(runtime().auth, must(principal)));
