import { apps as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = route(ep.installApp, async ({ params, body, principal }) => runtime().apps.install(params.ns, params.id, body, principal!.name));

export const GET = route(ep.listMciApps, async ({ params }) => runtime().apps.list(params.ns, params.id));
