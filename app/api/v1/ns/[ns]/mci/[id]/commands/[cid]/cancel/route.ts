import { commands as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = route(ep.cancelCommand, async ({ params }) => runtime().commands.cancel(params.ns, params.id, params.cid));
