import { provisioning as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { addSubGroup } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const POST = route(ep.addSubGroup, async ({ params, body }) => addSubGroup(runtime().provisioning, params.ns, params.id, body));
