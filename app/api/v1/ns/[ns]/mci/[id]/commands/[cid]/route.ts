import { commands as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.getCommand, async ({ params }) => runtime().commands.get(params.ns, params.id, params.cid));
