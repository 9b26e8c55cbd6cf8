import { provisioning as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { runtime } from "@/lib/server/runtime";
import { applyAction } from "@/lib/provisioning/mci";

export const dynamic = "force-dynamic";

export const POST = route(ep.mciAction, async ({ params, body }) => applyAction(runtime().provisioning, params.ns, params.id, body));
