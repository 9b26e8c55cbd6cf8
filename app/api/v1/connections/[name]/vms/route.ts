import { provisioning as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { runtime } from "@/lib/server/runtime";
import { cloudVms } from "@/lib/provisioning/mci";

export const dynamic = "force-dynamic";

export const GET = route(ep.connectionVms, async ({ params }) => cloudVms(runtime().provisioning, params.name));
