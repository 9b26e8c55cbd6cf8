import { provisioning as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { runtime } from "@/lib/server/runtime";
import { addSubGroup } from "@/lib/provisioning/mci";

export const dynamic = "force-dynamic";

export const POST = route(ep.addSubGroup, async ({ params, body }) => addSubGroup(runtime().provisioning, params.ns, params.id, body));
