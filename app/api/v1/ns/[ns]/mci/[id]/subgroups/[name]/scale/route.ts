import { provisioning as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { runtime } from "@/lib/server/runtime";
import { scaleOut } from "@/lib/provisioning/mci";

export const dynamic = "force-dynamic";

export const POST = route(ep.scaleSubGroup, async ({ params, body }) => scaleOut(runtime().provisioning, params.ns, params.id, params.name, body.add));
