import { provisioning as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { applyAction } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const POST = route(ep.mciAction, async ({ params, body }) => applyAction(runtime().provisioning, params.ns, params.id, body));
