import { commands as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = route(ep.runCommand, async ({ params, body, principal }) => runtime().commands.start(params.ns, params.id, body, principal!.name));

export const GET = route(ep.listCommands, async ({ params, query }) => runtime().commands.list(params.ns, params.id, query));
