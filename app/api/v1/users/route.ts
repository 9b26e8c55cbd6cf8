import { createUser, listUsers } from "@/lib/auth";
import { accounts as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.listUsers, async () => listUsers(runtime().auth));

export const POST = route(ep.createUser, async ({ body }) => createUser(runtime().auth, body));
